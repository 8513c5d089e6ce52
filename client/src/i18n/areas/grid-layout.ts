/** Strings of the measures grid's column layout and block copying (issue 14). */
export const fr = {
  'gridLayout.columns': 'Colonnes',
  'gridLayout.columnsHint': 'Colonnes affichées (mémorisées pour vous, sur tous vos navigateurs)',
  'gridLayout.number': 'Numéro',
  'gridLayout.resize': 'Largeur de la colonne {column}',
  'gridLayout.reset': 'Rétablir les colonnes',
  'gridLayout.copied': '{count} cellule(s) copiée(s)',
} as const;

type Keys = keyof typeof fr;

export const ar: Record<Keys, string> = {
  'gridLayout.columns': 'الأعمدة',
  'gridLayout.columnsHint': 'الأعمدة المعروضة (تُحفظ لك على جميع متصفحاتك)',
  'gridLayout.number': 'الرقم',
  'gridLayout.resize': 'عرض عمود {column}',
  'gridLayout.reset': 'استعادة الأعمدة الافتراضية',
  'gridLayout.copied': 'تم نسخ {count} خلية',
};

export const en: Record<Keys, string> = {
  'gridLayout.columns': 'Columns',
  'gridLayout.columnsHint': 'Columns shown (remembered for you, in every browser)',
  'gridLayout.number': 'Number',
  'gridLayout.resize': 'Width of the {column} column',
  'gridLayout.reset': 'Reset columns',
  'gridLayout.copied': '{count} cells copied',
};
