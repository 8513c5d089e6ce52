/** The bell's notice that one's organisation now leads a measure (measure.lead_changed), in the three languages. */
export const fr = {
  'measureLead.notify': 'Votre organisation pilote désormais la mesure « {measure} » dans « {document} » ({person})',
} as const;

type Keys = keyof typeof fr;

export const ar: Record<Keys, string> = {
  'measureLead.notify': 'أصبحت مؤسستكم تقود الإجراء «{measure}» في «{document}» ({person})',
};

export const en: Record<Keys, string> = {
  'measureLead.notify': 'Your organisation now leads the measure “{measure}” in “{document}” ({person})',
};
