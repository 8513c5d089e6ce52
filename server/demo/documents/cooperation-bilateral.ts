import { arabicSummary, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Bilateral cooperation proposals with host countries. */
export const BILATERAL_PROPOSALS: DemoDocument[] = [
  {
    key: 'coop-fr-jeunes-professionnels',
    kind: 'cooperation_proposal',
    framework: 'bilateral',
    title: 'Mobilité des jeunes professionnels Maroc–France : proposition de mise en œuvre 2027',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['fr', 'emploi', 'anapec'],
    access: { fr: 'edit' },
    status: 'submitted',
    createdDaysAgo: 110,
    editedDaysAgo: 14,
    sections: {
      Contexte: [
        p(
          'L’accord franco-marocain relatif aux échanges de jeunes professionnels permet à des jeunes de 18 à 35 ans d’acquérir une expérience professionnelle de douze à dix-huit mois dans l’autre pays. Le contingent annuel reste très peu utilisé, faute d’information et d’accompagnement des candidats comme des employeurs.',
        ),
        p('Les deux parties sont convenues, lors du dernier comité mixte, de relancer le dispositif et d’en faire un instrument de circulation des compétences.'),
      ],
      Objectifs: [
        ul(
          'Atteindre 1 000 jeunes professionnels marocains accueillis en France en 2027.',
          'Accueillir au Maroc 200 jeunes professionnels français, dont des jeunes d’origine marocaine.',
          'Organiser le retour et la valorisation de l’expérience acquise.',
        ),
      ],
      Partenaires: [
        p(
          'Côté marocain : le ministère (coordination), le ministère de l’Emploi et l’ANAPEC (information, présélection, préparation). Côté français : les services de l’ambassade et l’opérateur public chargé de l’emploi.',
        ),
      ],
      Budget: [
        p(
          'Budget marocain estimé à 3,8 millions de dirhams sur deux ans : campagne d’information (0,6), préparation au départ (2,4), suivi du retour (0,8). Une contribution française équivalente est proposée.',
        ),
      ],
      Suivi: [p('Comité de suivi bilatéral semestriel ; rapport annuel au comité mixte.')],
    },
    extra: arabicSummary('مقترح لتفعيل الاتفاق المغربي الفرنسي المتعلق بتبادل الشباب المهنيين، بهدف استقبال ألف شاب مغربي بفرنسا سنة 2027 ومواكبة عودتهم.'),
  },
  {
    key: 'coop-es-saisonniers',
    kind: 'cooperation_proposal',
    framework: 'bilateral',
    title: 'Migration circulaire Maroc–Espagne : accompagnement social des travailleuses saisonnières',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['es', 'emploi', 'anapec', 'oim', 'solidarite'],
    access: { es: 'edit', anapec: 'edit' },
    status: 'in_implementation',
    createdDaysAgo: 400,
    editedDaysAgo: 6,
    sections: {
      Contexte: [
        p(
          'Chaque année, plusieurs milliers de travailleuses marocaines sont recrutées dans le cadre de la gestion collective des embauches en origine pour la campagne agricole de la province de Huelva. Le programme est un modèle de migration circulaire, mais les évaluations signalent des difficultés d’information sur les droits, de logement et d’accès aux soins.',
        ),
      ],
      Objectifs: [
        ul(
          'Informer chaque travailleuse de ses droits avant le départ, dans sa langue.',
          'Mettre en place des médiatrices sur les lieux de travail pendant la campagne.',
          'Accompagner le retour et l’épargne des saisonnières.',
        ),
      ],
      Partenaires: [
        p(
          'Le ministère, le ministère de l’Emploi et l’ANAPEC côté marocain ; les autorités espagnoles et les organisations professionnelles agricoles ; l’OIM apporte un appui technique pour la médiation et l’évaluation.',
        ),
      ],
      Budget: [p('6,2 millions de dirhams pour la campagne 2026-2027, dont 40 % apportés par la partie espagnole.')],
      Suivi: [p('La campagne 2026 a permis de former 9 200 travailleuses avant le départ et de déployer 18 médiatrices. La campagne 2027 est en préparation.')],
    },
  },
  {
    key: 'coop-de-sante',
    kind: 'cooperation_proposal',
    framework: 'bilateral',
    title: 'Partenariat Maroc–Allemagne pour une mobilité équitable des professionnels de santé',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['de', 'sante', 'anapec', 'enseignement-sup'],
    status: 'in_review',
    createdDaysAgo: 70,
    editedDaysAgo: 1,
    sections: {
      Contexte: [
        p(
          'L’Allemagne recrute des infirmiers et des aides-soignants à l’étranger pour faire face à la pénurie de personnel. Le Maroc forme chaque année un nombre croissant de lauréats en soins infirmiers, mais connaît lui-même des besoins importants, notamment dans les zones rurales.',
        ),
        p(
          'La proposition vise une mobilité équitable, qui ne fragilise pas le système de santé marocain : formation supplémentaire financée par la partie allemande, engagement de retour ou de contribution, reconnaissance des qualifications.',
        ),
      ],
      Objectifs: [
        ul(
          'Former 1 500 infirmiers supplémentaires dans les instituts supérieurs des professions infirmières.',
          'Accompagner la mobilité de 500 professionnels par an avec cours d’allemand et reconnaissance des diplômes.',
          'Organiser des missions de retour et des transferts de compétences.',
        ),
      ],
      Partenaires: [
        p(
          'Ministère de la Santé et de la Protection sociale, ANAPEC, ministère de l’Enseignement supérieur ; partie allemande : ministère fédéral du Travail et agence fédérale pour l’emploi.',
        ),
      ],
      Budget: [p('À arrêter avec la partie allemande ; estimation initiale de 45 millions de dirhams sur trois ans.')],
      Suivi: [p('Comité de pilotage conjoint ; indicateurs de rétention au Maroc suivis par le ministère de la Santé.')],
    },
  },
  {
    key: 'coop-be-familles',
    kind: 'cooperation_proposal',
    framework: 'bilateral',
    title: 'Coopération Maroc–Belgique : accompagnement des familles et apprentissage de l’arabe à Bruxelles',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['be', 'education', 'fh2'],
    status: 'draft',
    createdDaysAgo: 20,
    editedDaysAgo: 2,
    sections: {
      Contexte: [
        p(
          'La communauté marocaine de Belgique compte plus de 500 000 personnes, concentrées à Bruxelles, Anvers et Liège. Les familles demandent un enseignement de l’arabe mieux intégré aux horaires scolaires et un accompagnement des parents dans la scolarité de leurs enfants.',
        ),
      ],
      Objectifs: [ul('Expérimenter des cours d’arabe intégrés dans dix écoles bruxelloises.', 'Créer des ateliers de soutien à la parentalité avec les associations.')],
      Partenaires: [p('Ministère de l’Éducation nationale, Fondation Hassan II ; communautés française et flamande de Belgique, à confirmer.')],
      Budget: [p('À estimer.')],
      Suivi: [p('À définir.')],
    },
  },
  {
    key: 'coop-it-securite-sociale',
    kind: 'cooperation_proposal',
    framework: 'bilateral',
    title: 'Proposition de convention de sécurité sociale entre le Maroc et l’Italie',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['it', 'cnss', 'finances'],
    access: { cnss: 'edit', emploi: 'view' },
    status: 'draft',
    createdDaysAgo: 45,
    editedDaysAgo: 8,
    sections: {
      Contexte: [
        p(
          'L’Italie accueille l’une des plus importantes communautés marocaines d’Europe. En l’absence de convention bilatérale de sécurité sociale, les travailleurs marocains qui rentrent au Maroc ne peuvent pas totaliser leurs périodes d’assurance ni percevoir dans des conditions satisfaisantes les prestations acquises.',
        ),
        p(
          'Le Maroc a conclu des conventions de ce type avec la plupart des pays européens d’accueil ; la présente note propose d’ouvrir les négociations avec la partie italienne.',
        ),
      ],
      Objectifs: [
        ul(
          'Totalisation des périodes d’assurance.',
          'Exportation des pensions de vieillesse, d’invalidité et de survivants.',
          'Maintien des droits aux soins lors des séjours temporaires.',
        ),
      ],
      Partenaires: [
        p(
          'CNSS et ministère de l’Économie et des Finances pour l’évaluation de l’impact financier ; ministère de l’Emploi ; partie italienne : ministère du Travail et des Politiques sociales et l’institut national de prévoyance sociale.',
        ),
      ],
      Budget: [p('Coût de négociation limité ; l’impact financier des prestations sera évalué par la CNSS.')],
      Suivi: [p('Premier round de négociations proposé au premier semestre 2027.')],
    },
  },
];
