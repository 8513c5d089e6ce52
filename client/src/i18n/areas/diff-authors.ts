/** Strings of authors in a comparison of versions (who inserted what), in the three languages. */
export const fr = {
  'diffAuthors.legend': 'Auteurs des ajouts',
  'diffAuthors.insertedBy': 'Ajouté par {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'Ajouté — auteur inconnu',
  'diffAuthors.unknown': 'Auteur inconnu',
  'diffAuthors.deletedNote': 'auteur non enregistré',
  'diffAuthors.deletedTitle': 'Supprimé (l’auteur d’une suppression n’est pas enregistré)',
};

export const ar = {
  'diffAuthors.legend': 'أصحاب الإضافات',
  'diffAuthors.insertedBy': 'أضافه {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'مضاف — صاحبه غير معروف',
  'diffAuthors.unknown': 'صاحب غير معروف',
  'diffAuthors.deletedNote': 'صاحب الحذف غير مسجل',
  'diffAuthors.deletedTitle': 'محذوف (صاحب الحذف غير مسجل)',
};

export const en = {
  'diffAuthors.legend': 'Who added what',
  'diffAuthors.insertedBy': 'Added by {name} ({organisation})',
  'diffAuthors.insertedByUnknown': 'Added — author unknown',
  'diffAuthors.unknown': 'Unknown author',
  'diffAuthors.deletedNote': 'author not recorded',
  'diffAuthors.deletedTitle': 'Deleted (who deletes is not recorded)',
};
