import { ar, h, p, ul } from '../blocks.ts';
import { INTERMINISTERIAL_DEPARTMENTS } from '../commissions.ts';
import type { DemoDocument } from '../types.ts';

const PUBLIC_BODIES = ['fh2', 'ccme', 'anapec', 'amdie', 'cnss', 'bam', 'albarid'];

const viewFor = (codes: readonly string[]) => Object.fromEntries(codes.map((code) => [code, 'view' as const]));

/** Minutes of the commissions and committees. */
export const MINUTES: DemoDocument[] = [
  {
    key: 'pv-commission-interministerielle-juillet',
    kind: 'minutes',
    title: 'Procès-verbal de la 5e réunion de la commission interministérielle chargée des affaires des MRE et de la migration (9 juillet 2026)',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: [],
    access: viewFor([...INTERMINISTERIAL_DEPARTMENTS, ...PUBLIC_BODIES]),
    status: 'adopted',
    createdDaysAgo: 142,
    editedDaysAgo: 120,
    sections: {
      Présents: [
        p(
          'Sous la présidence du Chef du gouvernement. Étaient présents les ministres ou leurs représentants des départements de l’Éducation nationale, de la Santé, de l’Emploi, de la Justice, de la Jeunesse, de la Culture et de la Communication, des Affaires étrangères, de l’Intérieur, de l’Investissement, de l’Économie et des Finances, des Habous et des Affaires islamiques, de l’Enseignement supérieur et de la Solidarité, ainsi que les responsables de la Fondation Hassan II, du CCME, de l’ANAPEC, de l’AMDIE, de la CNSS, de Bank Al-Maghrib et d’Al Barid Bank.',
        ),
      ],
      'Ordre du jour': [
        ul(
          'Bilan de la mise en œuvre des plans d’action sectoriels au premier semestre 2026.',
          'Préparation de l’opération Marhaba 2026.',
          'Orientations pour les plans d’action 2027.',
        ),
      ],
      Décisions: [
        p('1. La commission prend acte du bilan présenté par le ministère : 62 % des mesures programmées pour le semestre sont achevées ou en cours, 14 % accusent un retard.'),
        p(
          '2. Les départements concernés présenteront à la commission technique un plan de rattrapage pour les mesures en retard, en particulier dans les domaines de la santé et de la justice.',
        ),
        p('3. Les plans d’action 2027 seront déposés sur la plateforme de coordination avant le 30 novembre 2026.'),
        ar('4. تكليف الوزارة بإعداد تقرير مرحلي يعرض على اللجنة في دورتها المقبلة.'),
      ],
    },
  },
  {
    key: 'pv-commission-technique-octobre',
    kind: 'minutes',
    title: 'Procès-verbal de la commission technique du 15 octobre 2026',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['education', 'sante', 'emploi', 'justice', 'investissement'],
    access: viewFor(['culture', 'fh2', 'ccme', 'anapec']),
    status: 'in_review',
    createdDaysAgo: 44,
    editedDaysAgo: 10,
    sections: {
      Présents: [
        p(
          'Présidence : Mme Meriem Alaoui, cellule de coordination. Points focaux : Mme Nadia Benjelloun (Éducation nationale), Dr Youssef El Alami (Santé), M. Hicham Berrada (Emploi), M. Abdellah Ouazzani (Justice), Mme Zineb Kettani (Investissement), Mme Salma Idrissi (Culture), M. Rachid Tazi (Fondation Hassan II), Mme Soumaya Chraibi (CCME), Mme Hanane El Ouafi (ANAPEC).',
        ),
      ],
      'Ordre du jour': [
        ul('Point sur les mesures en retard du plan d’action santé.', 'Examen du projet de plan d’action justice.', 'Suivi du plan d’action investissement.', 'Divers.'),
      ],
      Décisions: [
        p(
          'Plan santé : le ministère de la Santé transmettra sous quinze jours une note sur le blocage de la téléconsultation et un calendrier révisé pour l’affiliation des MRE de retour à l’AMO.',
        ),
        p(
          'Plan justice : le projet est accueilli favorablement ; les partenaires transmettront leurs commentaires avant le 15 novembre. La mesure relative à l’aide juridictionnelle sera reformulée.',
        ),
        p(
          'Plan investissement : la commission se félicite de l’ouverture des guichets MRE dans les douze centres régionaux d’investissement. Bank Al-Maghrib présentera son avis sur le produit d’épargne-investissement à la prochaine réunion.',
        ),
      ],
    },
    extra: [h('Prochaine réunion', 2), p('Mardi 8 décembre 2026 à 10 h, salle de réunion du ministère, avec possibilité de participation à distance.')],
  },
  {
    key: 'cr-comite-mixte-espagne',
    kind: 'minutes',
    title: 'Compte rendu du groupe permanent maroco-espagnol sur la migration – Madrid, 22 septembre 2026',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['es', 'interieur', 'emploi'],
    status: 'draft',
    createdDaysAgo: 65,
    editedDaysAgo: 20,
    sections: {
      Présents: [p('Délégation marocaine conduite par le secrétaire général du ministère ; délégation espagnole conduite par le secrétaire d’État aux migrations.')],
      'Ordre du jour': [
        ul('Bilan de la campagne agricole 2026 à Huelva.', 'Coopération en matière de lutte contre la traite des êtres humains.', 'Situation des mineurs non accompagnés.'),
      ],
      Décisions: [
        p('Les deux parties se félicitent du déroulement de la campagne 2026 et conviennent d’augmenter de 15 % le nombre de médiatrices pour 2027.'),
        p('Un groupe de travail technique sur les mineurs non accompagnés se réunira à Rabat au premier trimestre 2027.'),
      ],
    },
  },
];
