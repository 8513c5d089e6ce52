import { arabicSummary, h, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Sectoral action plans: investment, higher education and research. */
export const ECONOMY_ACTION_PLANS: DemoDocument[] = [
  {
    key: 'plan-investissement',
    kind: 'action_plan',
    title: 'Plan d’action pour la mobilisation de l’investissement des Marocains du monde 2026-2027',
    lead: 'investissement',
    partners: ['amdie', 'finances', 'bam', 'albarid'],
    access: { amdie: 'edit', interieur: 'view', ccme: 'view' },
    status: 'in_implementation',
    createdDaysAgo: 300,
    editedDaysAgo: 5,
    sections: {
      Contexte: [
        p('Les transferts des Marocains résidant à l’étranger dépassent 115 milliards de dirhams par an et constituent l’une des premières sources de devises du pays. Ils restent pourtant orientés d’abord vers la consommation des ménages et l’immobilier ; la part consacrée à l’investissement productif est estimée à moins de 10 %.'),
        p('La Charte de l’investissement adoptée en 2022 et la réforme des centres régionaux d’investissement offrent un cadre pour attirer davantage l’épargne et les projets des MRE. L’étude sur les transferts conduite par le ministère en 2026 en précise les leviers : information, accompagnement de proximité, produits financiers adaptés et coût des transferts.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Doubler d’ici 2027 le nombre de projets d’investissement portés par des MRE et accompagnés par les centres régionaux d’investissement.',
          'Offrir un produit d’épargne-investissement dédié aux MRE.',
          'Réduire le coût moyen des transferts sous le seuil de 3 %.',
          'Faire connaître l’offre marocaine d’investissement dans les principaux pays d’accueil.',
        ),
      ],
      Mesures: [p('Six mesures ; le produit d’épargne-investissement attend l’avis de Bank Al-Maghrib sur son cadre réglementaire.')],
      'Suivi et évaluation': [
        p('Les centres régionaux d’investissement transmettent chaque trimestre le nombre de dossiers MRE reçus, instruits et approuvés. Bank Al-Maghrib fournit les données de transferts ; l’AMDIE rend compte des intentions d’investissement recueillies pendant les roadshows.'),
      ],
    },
    extra: [
      h('Chiffres clés', 2),
      ul('Dossiers MRE déposés dans les CRI depuis janvier 2026 : 1 240', 'Projets approuvés : 410, pour 3,2 milliards de dirhams', 'Emplois prévus : 5 800'),
      ...arabicSummary('تهدف هذه الخطة إلى توجيه جزء أكبر من تحويلات مغاربة العالم نحو الاستثمار المنتج، عبر شبابيك مخصصة بالمراكز الجهوية للاستثمار، ومنتج ادخاري استثماري ملائم، وخفض كلفة التحويلات.'),
    ],
    measures: [
      { title: 'Guichet investisseur MRE dans les centres régionaux d’investissement', lead: 'investissement', partners: ['amdie', 'interieur'], start: '2026-02-01', due: '2026-07-31', status: 'done', progress: 100, indicator: 'Guichets ouverts dans les 12 CRI', budget: 3_000_000 },
      { title: 'Prime à l’investissement des MRE dans le cadre de la Charte de l’investissement', lead: 'investissement', partners: ['finances'], start: '2026-03-01', due: '2026-12-31', status: 'in_progress', progress: 70, indicator: 'Projets MRE bénéficiaires de la prime', budget: 50_000_000 },
      { title: 'Produit d’épargne-investissement dédié aux MRE', lead: 'albarid', partners: ['bam', 'finances'], start: '2026-04-01', due: '2026-10-31', status: 'blocked', progress: 40, indicator: 'Produit commercialisé — avis réglementaire attendu', budget: 500_000 },
      { title: 'Réduction du coût des transferts de fonds', lead: 'bam', partners: ['albarid', 'finances'], start: '2026-01-01', due: '2026-09-30', status: 'in_progress', progress: 75, indicator: 'Coût moyen d’un transfert de 200 euros (cible : moins de 3 %)', budget: null },
      { title: 'Roadshows investissement dans six pays d’accueil', lead: 'amdie', partners: ['mre', 'fr', 'es', 'be', 'nl', 'it', 'de'], start: '2026-09-01', due: '2027-06-30', status: 'in_progress', progress: 30, indicator: 'Roadshows réalisés (cible : 6)', budget: 4_500_000 },
      { title: 'Baromètre annuel des transferts et de l’investissement des MRE', lead: 'investissement', partners: ['bam', 'mre'], start: '2027-01-01', due: '2027-04-30', status: 'planned', progress: 0, indicator: 'Baromètre publié', budget: 800_000 },
    ],
  },
  {
    key: 'plan-enseignement-sup',
    kind: 'action_plan',
    title: 'Plan d’action : mobilisation des compétences scientifiques marocaines du monde',
    lead: 'enseignement-sup',
    partners: ['ccme', 'education'],
    access: { fr: 'view', de: 'view' },
    status: 'draft',
    createdDaysAgo: 35,
    editedDaysAgo: 4,
    sections: {
      Contexte: [
        p('Plusieurs milliers d’enseignants-chercheurs, d’ingénieurs et de médecins d’origine marocaine exercent dans les universités et les centres de recherche des pays d’accueil. Leur contribution au développement scientifique du Maroc reste ponctuelle et dépend d’initiatives individuelles.'),
        p('Le Plan national d’accélération de la transformation de l’écosystème de l’enseignement supérieur, de la recherche scientifique et de l’innovation prévoit la mobilisation de ces compétences ; le présent plan en décline les modalités.'),
      ],
      'Objectifs stratégiques': [
        ul('Créer 20 chaires d’excellence ouvertes aux enseignants-chercheurs MRE.', 'Mettre en relation chercheurs MRE et universités marocaines.', 'Mieux accueillir les étudiants MRE dans les universités marocaines.'),
      ],
      Mesures: [p('Premier jet — les partenaires sont invités à commenter avant le 15 décembre.')],
      'Suivi et évaluation': [p('À préciser avec le CCME.')],
    },
    measures: [
      { title: 'Plateforme de mise en relation entre chercheurs MRE et universités marocaines', lead: 'enseignement-sup', partners: ['mre', 'ccme'], start: '2026-06-01', due: '2027-03-31', status: 'in_progress', progress: 40, indicator: 'Chercheurs inscrits (cible : 1 500)', budget: 2_000_000 },
      { title: 'Accueil des étudiants MRE dans les universités marocaines', lead: 'enseignement-sup', partners: ['education'], start: '2026-09-01', due: '2027-07-31', status: 'in_progress', progress: 15, indicator: 'Étudiants MRE inscrits', budget: 1_500_000 },
      { title: 'Chaires d’excellence pour enseignants-chercheurs MRE', lead: 'enseignement-sup', partners: ['ccme'], start: '2027-01-01', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'Chaires créées (cible : 20)', budget: 10_000_000 },
      { title: 'Cotutelles de thèse avec les universités des pays d’accueil', lead: 'enseignement-sup', partners: ['fr', 'de', 'it'], start: '2027-02-01', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'Conventions signées (cible : 15)', budget: 900_000 },
    ],
  },
];
