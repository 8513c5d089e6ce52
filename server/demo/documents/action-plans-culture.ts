import { ar, arabicSummary, h, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Sectoral action plans: culture, youth, religious affairs. */
export const CULTURE_ACTION_PLANS: DemoDocument[] = [
  {
    key: 'plan-culture',
    kind: 'action_plan',
    title: 'Plan d’action culturel en faveur des Marocains du monde 2026-2027',
    lead: 'culture',
    partners: ['fh2', 'ccme', 'jeunesse'],
    access: { be: 'view', nl: 'view' },
    status: 'in_review',
    createdDaysAgo: 120,
    editedDaysAgo: 0,
    sections: {
      Contexte: [
        p('La culture est le premier lien que les Marocains du monde entretiennent avec le pays, bien avant les démarches administratives. Les centres culturels marocains à l’étranger, les festivals nationaux et le Salon international de l’édition et du livre de Rabat accueillent chaque année des artistes et des auteurs issus de la diaspora, sans programmation concertée entre les acteurs.'),
        p('Le présent plan propose un cadre commun au Département de la Culture, à la Fondation Hassan II et au Conseil de la communauté marocaine à l’étranger, et une place explicite pour les créateurs MRE dans la programmation nationale.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Programmer de façon concertée les centres culturels marocains à l’étranger.',
          'Faire connaître les artistes et les auteurs marocains du monde au Maroc.',
          'Préserver la mémoire de l’émigration marocaine.',
          'Rendre le livre en arabe et en amazighe accessible aux familles à l’étranger.',
        ),
      ],
      Mesures: [p('Cinq mesures proposées ; la mesure sur les archives fait l’objet d’une discussion avec le CCME sur le partage des fonds.')],
      'Suivi et évaluation': [
        p('Rapport semestriel au comité de pilotage ; indicateurs de fréquentation fournis par les centres culturels et les festivals partenaires.'),
      ],
    },
    extra: arabicSummary('تروم هذه الخطة تنسيق البرمجة الثقافية لفائدة مغاربة العالم، والتعريف بالمبدعين المغاربة المقيمين بالخارج، وصون ذاكرة الهجرة المغربية، وتيسير ولوج الأسر إلى الكتاب باللغتين العربية والأمازيغية.'),
    measures: [
      { title: 'Programmation concertée des centres culturels marocains à l’étranger', lead: 'culture', partners: ['mre', 'fh2'], start: '2026-01-01', due: '2026-12-31', status: 'in_progress', progress: 85, indicator: 'Événements programmés (cible : 120)', budget: 6_000_000 },
      { title: 'Artistes marocains du monde dans les festivals nationaux', lead: 'culture', partners: ['jeunesse'], start: '2026-05-01', due: '2026-09-30', status: 'done', progress: 100, indicator: 'Artistes programmés : 45', budget: 2_500_000 },
      { title: 'Numérisation des archives audiovisuelles de l’émigration marocaine', lead: 'culture', partners: ['ccme'], start: '2026-03-01', due: '2027-12-31', status: 'in_progress', progress: 25, indicator: 'Heures d’archives numérisées (cible : 3 000)', budget: 4_200_000 },
      { title: 'Bibliothèques itinérantes en arabe et en amazighe', lead: 'culture', partners: ['fh2', 'be', 'nl'], start: '2026-10-01', due: '2027-06-30', status: 'in_progress', progress: 10, indicator: 'Points de lecture desservis (cible : 60)', budget: 1_100_000 },
      { title: 'Pavillon des Marocains du monde au Salon international de l’édition et du livre', lead: 'culture', partners: ['ccme'], start: '2027-04-01', due: '2027-05-31', status: 'planned', progress: 0, indicator: 'Auteurs MRE invités (cible : 30)', budget: 1_300_000 },
    ],
  },
  {
    key: 'plan-jeunesse',
    kind: 'action_plan',
    title: 'Plan d’action jeunesse 2027 : universités d’été et colonies de vacances pour les jeunes MRE',
    lead: 'jeunesse',
    partners: ['fh2', 'culture'],
    status: 'returned',
    returnReason: 'Les mesures 1 et 2 doivent préciser le nombre de places par région et le cofinancement de la Fondation Hassan II avant le passage en commission technique.',
    createdDaysAgo: 75,
    editedDaysAgo: 12,
    sections: {
      Contexte: [
        p('Les universités d’été et les colonies de vacances sont, pour beaucoup de jeunes Marocains du monde, la première expérience du Maroc en dehors du cercle familial. L’édition 2026 a réuni 480 participants venus de quatorze pays.'),
        p('Le bilan de l’édition 2026 souligne une forte demande des 18–25 ans pour des modules tournés vers l’entrepreneuriat et l’engagement associatif, et des difficultés d’hébergement dans deux régions.'),
      ],
      'Objectifs stratégiques': [
        ul('Accueillir 600 jeunes aux universités d’été 2027.', 'Ouvrir des colonies de vacances aux enfants MRE de 8 à 15 ans.', 'Créer un programme de volontariat dans les maisons de jeunes.'),
      ],
      Mesures: [p('Quatre mesures, dont le bilan de l’édition 2026.')],
      'Suivi et évaluation': [p('Questionnaire de satisfaction à la fin de chaque séjour ; bilan consolidé en octobre.')],
    },
    measures: [
      { title: 'Universités d’été pour les jeunes Marocains du monde (18–25 ans)', lead: 'jeunesse', partners: ['mre', 'enseignement-sup'], start: '2027-03-01', due: '2027-08-31', status: 'planned', progress: 0, indicator: 'Participants (cible : 600)', budget: 5_000_000 },
      { title: 'Colonies de vacances pour les enfants MRE (8–15 ans)', lead: 'jeunesse', partners: ['fh2'], start: '2027-04-01', due: '2027-08-31', status: 'planned', progress: 0, indicator: 'Places offertes', budget: 7_500_000 },
      { title: 'Volontariat des jeunes MRE dans les maisons de jeunes', lead: 'jeunesse', partners: ['solidarite'], start: '2027-01-15', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'Volontaires engagés (cible : 150)', budget: 1_200_000 },
      { title: 'Bilan de l’édition 2026 des universités d’été', lead: 'jeunesse', partners: ['mre'], start: '2026-09-01', due: '2026-10-31', status: 'done', progress: 100, indicator: 'Rapport d’évaluation remis', budget: 150_000 },
    ],
  },
  {
    key: 'plan-habous',
    kind: 'action_plan',
    title: 'خطة عمل التأطير الديني لفائدة مغاربة العالم 2026-2027',
    language: 'ar',
    lead: 'habous',
    partners: ['ccme', 'affaires-etrangeres'],
    access: { fr: 'view', be: 'view', es: 'view' },
    status: 'adopted',
    createdDaysAgo: 260,
    editedDaysAgo: 30,
    sections: {
      Contexte: [
        ar('تولي المملكة المغربية عناية خاصة للتأطير الديني لمغاربة العالم، حفاظا على ثوابت الأمة المغربية ونشرا لقيم الإسلام السمحة القائمة على الوسطية والاعتدال. ويتزايد الطلب على هذا التأطير في بلدان الإقامة، خاصة خلال شهر رمضان المبارك.'),
        ar('وتستند هذه الخطة إلى التجربة المتراكمة في إيفاد الوعاظ والمرشدين، وإلى التكوين الذي يقدمه معهد محمد السادس لتكوين الأئمة المرشدين والمرشدات.'),
      ],
      'Objectifs stratégiques': [
        ar('تتمثل الأهداف الاستراتيجية في تعزيز التأطير الديني خلال شهر رمضان، وتكوين الأئمة العاملين بأوروبا، ودعم تعليم القرآن الكريم واللغة العربية، وتوفير إرشاد ديني رقمي بلغات بلدان الإقامة.'),
      ],
      Mesures: [ar('تتضمن الخطة أربعة تدابير يتولى تتبعها قطاع الأوقاف والشؤون الإسلامية بتنسيق مع الوزارة.')],
      'Suivi et évaluation': [ar('يعرض تقرير سنوي على اللجنة التقنية، ويتضمن عدد المستفيدين وتقييم الجاليات لبرامج التأطير.')],
    },
    extra: [h('Résumé en français', 2), p('Plan d’encadrement religieux des Marocains du monde : missions de prédicateurs pendant le Ramadan, formation des imams exerçant en Europe, soutien à l’enseignement du Coran et de l’arabe, plateforme d’orientation religieuse en langues européennes.')],
    measures: [
      { title: 'إيفاد الوعاظ والمرشدين خلال شهر رمضان 1447', lead: 'habous', partners: ['mre', 'affaires-etrangeres'], start: '2026-01-15', due: '2026-03-31', status: 'done', progress: 100, indicator: 'عدد الوعاظ الموفدين: 380', budget: 12_000_000 },
      { title: 'تكوين الأئمة المغاربة العاملين بأوروبا', lead: 'habous', partners: ['fr', 'be', 'es'], start: '2026-09-01', due: '2027-06-30', status: 'in_progress', progress: 30, indicator: 'عدد المستفيدين (الهدف: 150)', budget: 5_500_000 },
      { title: 'منصة رقمية للإرشاد الديني بلغات بلدان الإقامة', lead: 'habous', partners: ['ccme'], start: '2026-05-01', due: '2026-12-15', status: 'in_progress', progress: 60, indicator: 'عدد الزيارات الشهرية', budget: 1_400_000 },
      { title: 'دعم تعليم القرآن الكريم واللغة العربية بالمساجد', lead: 'habous', partners: ['education', 'fh2'], start: '2027-01-01', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'عدد المساجد المستفيدة', budget: 3_000_000 },
    ],
  },
];
