/** Strings of authors in a comparison of versions (who inserted what), in the three languages. */
export const fr = {
  'diffAuthors.legend': 'Auteurs des modifications',
  'diffAuthors.insertedBy': 'Ajouté par {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'Ajouté — auteur inconnu',
  'diffAuthors.unknown': 'Auteur inconnu',
  'diffAuthors.deletedNote': 'auteur de la suppression inconnu',
  'diffAuthors.deletedTitle': 'Supprimé — auteur de la suppression inconnu',
  'diffAuthors.deletedBy': 'Supprimé par {name} ({organisation})',
};

export const ar = {
  'diffAuthors.legend': 'أصحاب التعديلات',
  'diffAuthors.insertedBy': 'أضافه {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'مضاف — صاحبه غير معروف',
  'diffAuthors.unknown': 'صاحب غير معروف',
  'diffAuthors.deletedNote': 'صاحب الحذف غير معروف',
  'diffAuthors.deletedTitle': 'محذوف — صاحب الحذف غير معروف',
  'diffAuthors.deletedBy': 'حذفه {name} ({organisation})',
};

export const en = {
  'diffAuthors.legend': 'Who changed what',
  'diffAuthors.insertedBy': 'Added by {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'Added — author unknown',
  'diffAuthors.unknown': 'Unknown author',
  'diffAuthors.deletedNote': 'who deleted it is unknown',
  'diffAuthors.deletedTitle': 'Deleted — who deleted it is unknown',
  'diffAuthors.deletedBy': 'Deleted by {name} ({organisation})',
};
