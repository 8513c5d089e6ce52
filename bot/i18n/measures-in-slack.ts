/**
 * Strings of the measures' side of Slack (issue 18, h18b): the message shortcut "Create a measure
 * from this message" and the direct message to an organisation that becomes responsible for a
 * measure. French is the reference; the other languages must have every key. Merged by index.ts.
 */
export const measuresInSlackFr = {
  'notify.leadHeadline': 'Vous pilotez désormais la mesure « {measure} » du plan « {title} » (pour {organisation})',
  'notify.lead': '🧭 Mesure confiée à {organisation} : « {title} »',
  'measureShortcut.title': 'Créer une mesure',
  'measureShortcut.intro': 'La mesure est ajoutée au plan d’action choisi, avec un lien vers ce message Slack. Seuls les plans que vous pouvez modifier sont proposés.',
  'measureShortcut.planLabel': 'Plan d’action',
  'measureShortcut.planPlaceholder': 'Chercher un plan que vous pouvez modifier',
  'measureShortcut.titleLabel': 'Intitulé de la mesure',
  'measureShortcut.notesLabel': 'Notes',
  'measureShortcut.leadLabel': 'Organisation pilote',
  'measureShortcut.dueLabel': 'Échéance',
  'measureShortcut.submit': 'Créer',
  'measureShortcut.created': '✅ Mesure « {measure} » ajoutée à « {title} » par {name} : {link}',
  'measureShortcut.openMeasure': 'ouvrir la mesure',
  'measureShortcut.notAllowed':
    'Vous ne pouvez pas modifier « {title} » : seuls ceux qui peuvent modifier un plan y ajoutent des mesures. Demandez l’accès en modification à son organisation pilote.',
  'measureShortcut.notAPlan': '« {title} » n’est pas un plan d’action : les mesures vivent dans les plans d’action.',
  'measureShortcut.titleMissing': 'Donnez un intitulé à la mesure.',
  'measureShortcut.leadUnknown': 'Cette organisation n’existe pas dans Tansiq ; choisissez-en une autre.',
  'measureShortcut.planMissing': 'Choisissez un plan d’action.',
  'measureShortcut.more': '{shown} plans sur {total} : tapez pour affiner',
  'help.shortcuts':
    'Sur un message Slack, menu ⋮ : *Commenter dans Tansiq* (le message devient un commentaire) et *Créer une mesure depuis ce message* (dans un plan que vous pouvez modifier)',
} as const;

export type MeasuresInSlackKey = keyof typeof measuresInSlackFr;

export const measuresInSlackEn: Record<MeasuresInSlackKey, string> = {
  'notify.leadHeadline': 'You now lead measure “{measure}” in plan “{title}” (for {organisation})',
  'notify.lead': '🧭 Measure assigned to {organisation}: “{title}”',
  'measureShortcut.title': 'Create a measure',
  'measureShortcut.intro': 'The measure is added to the action plan you choose, with a link to this Slack message. Only plans you may edit are offered.',
  'measureShortcut.planLabel': 'Action plan',
  'measureShortcut.planPlaceholder': 'Find a plan you may edit',
  'measureShortcut.titleLabel': 'Measure title',
  'measureShortcut.notesLabel': 'Notes',
  'measureShortcut.leadLabel': 'Lead organisation',
  'measureShortcut.dueLabel': 'Due date',
  'measureShortcut.submit': 'Create',
  'measureShortcut.created': '✅ Measure “{measure}” added to “{title}” by {name}: {link}',
  'measureShortcut.openMeasure': 'open the measure',
  'measureShortcut.notAllowed': 'You cannot edit “{title}”: only people who may edit a plan add measures to it. Ask its lead organisation for edit access.',
  'measureShortcut.notAPlan': '“{title}” is not an action plan: measures live in action plans.',
  'measureShortcut.titleMissing': 'Give the measure a title.',
  'measureShortcut.leadUnknown': 'This organisation does not exist in Tansiq; choose another one.',
  'measureShortcut.planMissing': 'Choose an action plan.',
  'measureShortcut.more': '{shown} of {total} plans: type to narrow',
  'help.shortcuts': 'On a Slack message, menu ⋮: *Comment in Tansiq* (the message becomes a comment) and *Create a measure from this message* (in a plan you may edit)',
};

export const measuresInSlackAr: Record<MeasuresInSlackKey, string> = {
  'notify.leadHeadline': 'أصبحتم تقودون التدبير «{measure}» في خطة «{title}» (باسم {organisation})',
  'notify.lead': '🧭 تدبير أُسند إلى {organisation}: «{title}»',
  'measureShortcut.title': 'إنشاء تدبير',
  'measureShortcut.intro': 'يُضاف التدبير إلى خطة العمل التي تختارها، مع رابط إلى رسالة Slack هذه. لا تُعرض إلا الخطط التي يمكنك تعديلها.',
  'measureShortcut.planLabel': 'خطة العمل',
  'measureShortcut.planPlaceholder': 'ابحث عن خطة يمكنك تعديلها',
  'measureShortcut.titleLabel': 'عنوان التدبير',
  'measureShortcut.notesLabel': 'ملاحظات',
  'measureShortcut.leadLabel': 'الهيئة القائدة',
  'measureShortcut.dueLabel': 'الأجل',
  'measureShortcut.submit': 'إنشاء',
  'measureShortcut.created': '✅ أضاف {name} التدبير «{measure}» إلى «{title}»: {link}',
  'measureShortcut.openMeasure': 'فتح التدبير',
  'measureShortcut.notAllowed': 'لا يمكنك تعديل «{title}»: وحدهم من يمكنهم تعديل خطة يضيفون إليها تدابير. اطلب حق التعديل من هيئتها القائدة.',
  'measureShortcut.notAPlan': '«{title}» ليست خطة عمل: التدابير توجد في خطط العمل.',
  'measureShortcut.titleMissing': 'أعطِ التدبير عنواناً.',
  'measureShortcut.leadUnknown': 'هذه الهيئة غير موجودة في Tansiq؛ اختر هيئة أخرى.',
  'measureShortcut.planMissing': 'اختر خطة عمل.',
  'measureShortcut.more': '{shown} من {total} خطة: اكتب لتضييق البحث',
  'help.shortcuts': 'على رسالة في Slack، القائمة ⋮: *تعليق في Tansiq* (تصبح الرسالة تعليقاً) و*إنشاء تدبير من هذه الرسالة* (في خطة يمكنك تعديلها)',
};
