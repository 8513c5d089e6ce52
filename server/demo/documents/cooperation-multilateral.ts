import { arabicSummary, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Multilateral cooperation proposals with international organisations. */
export const MULTILATERAL_PROPOSALS: DemoDocument[] = [
  {
    key: 'coop-oim-reintegration',
    kind: 'cooperation_proposal',
    framework: 'multilateral',
    title: 'Projet conjoint avec l’OIM : retour volontaire et réintégration durable des migrants',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['oim', 'interieur', 'solidarite', 'sn', 'ci'],
    access: { oim: 'edit' },
    status: 'in_implementation',
    createdDaysAgo: 380,
    editedDaysAgo: 11,
    sections: {
      Contexte: [
        p(
          'Dans le cadre de la Stratégie nationale d’immigration et d’asile, le Maroc accompagne les migrants qui souhaitent rentrer dans leur pays d’origine. Le programme d’aide au retour volontaire et à la réintégration, conduit avec l’OIM, a permis à plusieurs milliers de personnes de rentrer dans la dignité.',
        ),
        p('La nouvelle phase met l’accent sur la durabilité de la réintégration, en lien avec les pays d’origine, notamment le Sénégal et la Côte d’Ivoire.'),
      ],
      Objectifs: [
        ul(
          'Accompagner 2 500 retours volontaires par an.',
          'Financer un projet de réintégration individuel ou collectif pour chaque personne rentrée.',
          'Associer les pays d’origine au suivi à douze mois.',
        ),
      ],
      Partenaires: [p('OIM (mise en œuvre), ministère de l’Intérieur, ministère de la Solidarité ; ambassades et services de l’emploi des pays d’origine.')],
      Budget: [p('24 millions de dirhams sur deux ans, cofinancés par l’Union européenne et le budget de l’État.')],
      Suivi: [p('Rapport trimestriel de l’OIM ; enquête de suivi à six et douze mois après le retour.')],
    },
  },
  {
    key: 'coop-ue-talents',
    kind: 'cooperation_proposal',
    framework: 'multilateral',
    title: 'Partenariat pour les talents Maroc–Union européenne : volet compétences des Marocains du monde',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['ue', 'emploi', 'anapec', 'enseignement-sup'],
    access: { ue: 'edit', oit: 'view' },
    status: 'adopted',
    createdDaysAgo: 210,
    editedDaysAgo: 25,
    sections: {
      Contexte: [
        p(
          'Le Partenariat pour les talents lancé entre le Maroc et l’Union européenne vise à développer des voies légales de mobilité fondées sur la formation et l’intérêt mutuel. Le ministère propose d’y intégrer un volet dédié aux compétences des Marocains du monde, comme passerelles entre les écosystèmes européens et marocains.',
        ),
      ],
      Objectifs: [
        ul(
          'Mobiliser 300 professionnels MRE comme mentors des candidats à la mobilité.',
          'Soutenir des formations conjointes dans les secteurs du numérique, de l’hôtellerie et de la construction.',
          'Faciliter le retour de compétences par des missions d’expertise.',
        ),
      ],
      Partenaires: [
        p(
          'Direction générale de la Commission européenne chargée des migrations et des affaires intérieures ; États membres volontaires ; ministère de l’Emploi, ANAPEC, ministère de l’Enseignement supérieur.',
        ),
      ],
      Budget: [p('Contribution européenne envisagée de 8 millions d’euros ; contribution marocaine en nature (formateurs, locaux, systèmes d’information).')],
      Suivi: [p('Comité de pilotage conjoint annuel ; indicateurs communs arrêtés avec les États membres participants.')],
    },
  },
  {
    key: 'coop-hcr-refugies',
    kind: 'cooperation_proposal',
    framework: 'multilateral',
    title: 'Programme conjoint avec le HCR : accès des réfugiés à l’éducation et à la santé',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['hcr', 'education', 'sante', 'solidarite'],
    status: 'in_review',
    createdDaysAgo: 55,
    editedDaysAgo: 3,
    sections: {
      Contexte: [
        p(
          'Le Maroc accueille plusieurs milliers de réfugiés et de demandeurs d’asile reconnus par le HCR. Leur accès à l’école publique et aux centres de santé est garanti en droit ; dans les faits, la langue, les documents exigés et le coût des fournitures restent des obstacles.',
        ),
      ],
      Objectifs: [
        ul(
          'Scolariser tous les enfants réfugiés âgés de 6 à 15 ans.',
          'Former les personnels d’accueil des centres de santé.',
          'Soutenir l’apprentissage de l’arabe et du français pour les adultes.',
        ),
      ],
      Partenaires: [p('HCR, ministère de l’Éducation nationale, ministère de la Santé, ministère de la Solidarité ; associations partenaires du HCR.')],
      Budget: [p('9,5 millions de dirhams sur deux ans, dont 70 % apportés par le HCR.')],
      Suivi: [p('Revue semestrielle conjointe ; données de scolarisation fournies par les académies régionales.')],
    },
    extra: arabicSummary('برنامج مشترك مع المفوضية السامية للأمم المتحدة لشؤون اللاجئين لضمان ولوج اللاجئين إلى التعليم والصحة.'),
  },
  {
    key: 'coop-oit-mobilite',
    kind: 'cooperation_proposal',
    framework: 'multilateral',
    title: 'Gouvernance des migrations de main-d’œuvre : contribution marocaine au programme conjoint OIT–OIM',
    lead: 'emploi',
    partners: ['oit', 'oim', 'anapec', 'cnss', 'mre'],
    access: { mre: 'edit' },
    status: 'submitted',
    createdDaysAgo: 95,
    editedDaysAgo: 16,
    sections: {
      Contexte: [
        p(
          'Le programme régional conjoint de l’OIT et de l’OIM en Afrique du Nord appuie les pays partenaires dans la gouvernance de la migration de main-d’œuvre : recrutement équitable, protection sociale, reconnaissance des compétences. Sa prochaine phase est en cours de formulation.',
        ),
      ],
      Objectifs: [
        ul(
          'Renforcer le système d’information sur la migration de main-d’œuvre.',
          'Étendre la protection sociale aux travailleurs migrants marocains.',
          'Développer la reconnaissance mutuelle des compétences.',
        ),
      ],
      Partenaires: [p('OIT et OIM ; ministère de l’Emploi (chef de file), ANAPEC, CNSS, ministère chargé des MRE.')],
      Budget: [p('Enveloppe régionale en cours de négociation ; la part marocaine est estimée à 2,5 millions d’euros.')],
      Suivi: [p('Comité national de pilotage présidé par le ministère de l’Emploi.')],
    },
  },
  {
    key: 'coop-ua-observatoire',
    kind: 'cooperation_proposal',
    framework: 'multilateral',
    title: 'Observatoire africain des migrations : contribution du Maroc au programme de travail 2027',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['ua', 'affaires-etrangeres', 'oim'],
    access: { ua: 'edit' },
    status: 'draft',
    createdDaysAgo: 25,
    editedDaysAgo: 1,
    sections: {
      Contexte: [
        p(
          'L’Observatoire africain des migrations, institué par l’Union africaine et établi à Rabat, a pour mission de produire et de partager des données fiables sur les migrations en Afrique. Le Maroc, pays hôte, propose de contribuer à son programme de travail 2027.',
        ),
      ],
      Objectifs: [
        ul(
          'Harmoniser les définitions statistiques des migrations entre États membres.',
          'Produire un rapport annuel sur les migrations intra-africaines.',
          'Former les statisticiens des États membres.',
        ),
      ],
      Partenaires: [p('Union africaine, ministère des Affaires étrangères, OIM ; Haut-Commissariat au Plan pour le volet statistique.')],
      Budget: [p('Mise à disposition de locaux et d’experts ; 5 millions de dirhams pour les formations.')],
      Suivi: [p('Rapport au Conseil exécutif de l’Union africaine.')],
    },
  },
];

/** South–south cooperation proposals. */
export const SOUTH_SOUTH_PROPOSALS: DemoDocument[] = [
  {
    key: 'coop-sn-formation',
    kind: 'cooperation_proposal',
    framework: 'south_south',
    title: 'Coopération Sud–Sud Maroc–Sénégal : formation professionnelle et insertion des migrants',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['sn', 'emploi', 'oit'],
    access: { sn: 'edit' },
    status: 'in_review',
    createdDaysAgo: 80,
    editedDaysAgo: 7,
    sections: {
      Contexte: [
        p(
          'La communauté sénégalaise est l’une des plus importantes parmi les migrants installés au Maroc. Les deux pays, liés par des relations séculaires, partagent la volonté de faire de la migration un levier de développement partagé.',
        ),
      ],
      Objectifs: [
        ul(
          'Ouvrir les centres de formation professionnelle marocains à 500 migrants sénégalais par an.',
          'Reconnaître mutuellement les certifications professionnelles.',
          'Soutenir les projets de retour au Sénégal.',
        ),
      ],
      Partenaires: [p('Ministère de l’Emploi, OIT ; partie sénégalaise : ministère chargé des Sénégalais de l’extérieur et ministère de la Formation professionnelle.')],
      Budget: [p('3 millions de dirhams sur deux ans, partagés à parts égales.')],
      Suivi: [p('Commission mixte maroco-sénégalaise.')],
    },
  },
  {
    key: 'coop-ci-etudiants',
    kind: 'cooperation_proposal',
    framework: 'south_south',
    title: 'Coopération Sud–Sud Maroc–Côte d’Ivoire : mobilité étudiante et reconnaissance des diplômes',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['ci', 'enseignement-sup', 'affaires-etrangeres'],
    status: 'draft',
    createdDaysAgo: 15,
    editedDaysAgo: 0,
    sections: {
      Contexte: [
        p(
          'Les étudiants ivoiriens figurent parmi les plus nombreux des étudiants subsahariens inscrits au Maroc. Beaucoup se heurtent, à leur retour, à la reconnaissance de leurs diplômes ; d’autres souhaitent rester au Maroc pour une première expérience professionnelle.',
        ),
      ],
      Objectifs: [ul('Accélérer la reconnaissance mutuelle des diplômes.', 'Permettre un stage ou un premier emploi de douze mois après le diplôme.')],
      Partenaires: [p('Ministère de l’Enseignement supérieur, ministère des Affaires étrangères ; partie ivoirienne à confirmer.')],
      Budget: [p('À estimer avec l’Agence marocaine de coopération internationale.')],
      Suivi: [p('À définir.')],
    },
  },
];
