import { arabicSummary, h, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Sectoral action plans: education, health, employment, justice, solidarity. */
export const SOCIAL_ACTION_PLANS: DemoDocument[] = [
  {
    key: 'plan-education',
    kind: 'action_plan',
    title: 'Plan d’action sectoriel 2026-2027 : enseignement de la langue arabe et de la culture marocaine aux enfants MRE',
    lead: 'education',
    partners: ['fh2', 'fr', 'be', 'es'],
    access: { fh2: 'edit', nl: 'view' },
    status: 'in_implementation',
    createdDaysAgo: 290,
    editedDaysAgo: 3,
    sections: {
      Contexte: [
        p('Près de cinq millions de Marocains résident à l’étranger, dont une part croissante d’enfants et de jeunes nés et scolarisés dans les pays d’accueil. Le maintien du lien avec la langue arabe, l’amazighe et la culture marocaine reste une demande forte des familles, exprimée lors des consultations régionales conduites en 2025 par le ministère et la Fondation Hassan II.'),
        p('Le dispositif actuel repose sur trois piliers : les cours assurés par les enseignants détachés par la Fondation Hassan II, les enseignements intégrés aux systèmes scolaires de certains pays d’accueil (notamment en France dans le cadre de l’enseignement international de langues étrangères) et l’offre associative. L’évaluation de 2025 fait apparaître une couverture inégale selon les pays, des supports pédagogiques anciens et une place encore marginale de l’amazighe.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Porter à 120 000 le nombre d’élèves bénéficiant d’un enseignement structuré de la langue arabe et de la culture marocaine à l’horizon 2027.',
          'Renouveler les programmes et les manuels, et offrir une plateforme numérique accessible aux familles éloignées des lieux de cours.',
          'Introduire progressivement l’amazighe dans l’offre, en commençant par la Belgique et les Pays-Bas.',
          'Faciliter la scolarité des élèves MRE qui reviennent s’installer au Maroc.',
        ),
      ],
      Mesures: [
        p('Le plan compte six mesures. Le point focal du ministère de l’Éducation nationale actualise leur état d’avancement chaque mois ; la Fondation Hassan II renseigne les effectifs d’enseignants détachés.'),
      ],
      'Suivi et évaluation': [
        p('Un comité de pilotage réunissant le ministère, le ministère de l’Éducation nationale et la Fondation Hassan II se réunit chaque trimestre. Les indicateurs sont consolidés par la cellule de coordination et présentés à la commission technique avant chaque session de la commission interministérielle.'),
        p('Une évaluation externe à mi-parcours est prévue au premier semestre 2027 ; elle portera sur la qualité des apprentissages et la satisfaction des familles.'),
      ],
    },
    extra: arabicSummary(
      'تهدف هذه الخطة إلى تعزيز تعليم اللغة العربية والثقافة المغربية لفائدة أبناء مغاربة العالم، من خلال تجديد البرامج والكتب المدرسية، وإطلاق منصة رقمية للتعلم عن بعد، وتكوين الأساتذة، وإدماج الأمازيغية تدريجيا في العرض التربوي.',
    ),
    measures: [
      { title: 'Révision des programmes et des manuels d’enseignement de la langue arabe et de la culture marocaine', lead: 'education', partners: ['fh2'], start: '2026-01-15', due: '2026-09-30', status: 'done', progress: 100, indicator: 'Référentiel de compétences et six manuels validés', budget: 3_200_000 },
      { title: 'Plateforme numérique d’apprentissage de l’arabe et de l’amazighe pour les familles', lead: 'education', partners: ['fh2', 'mre'], start: '2026-03-01', due: '2027-06-30', status: 'in_progress', progress: 45, indicator: 'Élèves inscrits sur la plateforme (cible : 25 000)', budget: 8_500_000 },
      { title: 'Formation continue de 400 enseignants détachés', lead: 'education', partners: ['fh2', 'fr', 'be', 'es'], start: '2026-04-01', due: '2026-10-31', status: 'in_progress', progress: 70, indicator: 'Enseignants formés sur 400', budget: 2_100_000 },
      { title: 'Extension des conventions avec les académies françaises', lead: 'education', partners: ['fr', 'affaires-etrangeres'], start: '2026-02-01', due: '2026-07-31', status: 'blocked', progress: 30, indicator: 'Académies signataires (cible : 8) — en attente du comité mixte', budget: null },
      { title: 'Introduction de l’amazighe dans l’offre en Belgique et aux Pays-Bas', lead: 'education', partners: ['be', 'nl', 'fh2'], start: '2027-01-15', due: '2027-08-31', status: 'planned', progress: 0, indicator: 'Classes ouvertes (cible : 40)', budget: 1_400_000 },
      { title: 'Classes de mise à niveau pour les élèves MRE de retour au Maroc', lead: 'education', partners: ['solidarite', 'mre'], start: '2026-09-15', due: '2027-06-30', status: 'in_progress', progress: 20, indicator: 'Élèves accompagnés dans 12 directions provinciales', budget: 1_800_000 },
    ],
  },
  {
    key: 'plan-sante',
    kind: 'action_plan',
    title: 'Plan d’action santé en faveur des MRE et des migrants 2026-2027',
    lead: 'sante',
    partners: ['cnss', 'fh2', 'hcr', 'oim'],
    access: { cnss: 'edit', solidarite: 'comment', interieur: 'view' },
    status: 'in_implementation',
    createdDaysAgo: 320,
    editedDaysAgo: 1,
    sections: {
      Contexte: [
        p('La généralisation de l’assurance maladie obligatoire engagée depuis 2021 ouvre de nouvelles possibilités pour les Marocains résidant à l’étranger, en particulier pour ceux qui rentrent au Maroc à la retraite et pour leurs ayants droit restés au pays. Les consultations menées par le ministère montrent pourtant que les démarches restent mal connues et que la continuité des soins entre pays d’accueil et Maroc n’est pas assurée.'),
        p('Le Maroc est aussi un pays d’accueil : la Stratégie nationale d’immigration et d’asile prévoit l’accès des migrants en situation régulière et des réfugiés aux soins de santé primaires dans les mêmes conditions que les nationaux. Sa mise en œuvre varie encore selon les régions.'),
        p('Enfin, l’opération Marhaba mobilise chaque été des équipes médicales dans les ports et aux postes frontières ; son volet sanitaire doit être pérennisé et mieux outillé.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Faciliter l’affiliation des MRE de retour et de leurs ayants droit à l’assurance maladie obligatoire.',
          'Garantir l’accès effectif des migrants et des réfugiés aux soins de santé primaires.',
          'Assurer la continuité des soins des MRE âgés entre pays d’accueil et Maroc.',
          'Mobiliser les professionnels de santé marocains du monde au service du système de santé national.',
        ),
      ],
      Mesures: [
        p('Sept mesures, dont trois arrivées à échéance sans être achevées : la cellule de coordination a demandé un point spécifique à la prochaine commission technique.'),
      ],
      'Suivi et évaluation': [
        p('Le suivi s’appuie sur les données d’affiliation de la CNSS, sur les rapports des directions régionales de la santé et sur les remontées des partenaires internationaux pour le volet migrants et réfugiés.'),
        p('Un tableau de bord trimestriel est partagé avec les membres de la commission technique ; les mesures en retard font l’objet d’une note explicative du point focal.'),
      ],
    },
    extra: [
      h('Points d’attention', 2),
      p('La téléconsultation pour les MRE âgés est bloquée tant que la question de l’hébergement des données de santé hors du territoire n’est pas tranchée avec la Commission nationale de contrôle de la protection des données à caractère personnel.'),
      ...arabicSummary('تسعى هذه الخطة إلى تسهيل ولوج مغاربة العالم العائدين وذويهم إلى التأمين الإجباري الأساسي عن المرض، وضمان استفادة المهاجرين واللاجئين من خدمات الرعاية الصحية الأولية، وتعبئة الكفاءات الطبية المغربية المقيمة بالخارج.'),
    ],
    measures: [
      { title: 'Affiliation des MRE de retour et de leurs ayants droit à l’AMO', lead: 'sante', partners: ['cnss', 'mre'], start: '2026-01-01', due: '2026-06-30', status: 'in_progress', progress: 60, indicator: 'Taux d’affiliation des MRE de retour (cible : 80 %)', budget: 4_000_000 },
      { title: 'Dispositif sanitaire de l’opération Marhaba 2026 (Tanger Med, Nador, Al Hoceima)', lead: 'sante', partners: ['fh2', 'interieur'], start: '2026-06-01', due: '2026-09-15', status: 'done', progress: 100, indicator: 'Postes médicaux opérationnels : 14 sur 14', budget: 6_500_000 },
      { title: 'Téléconsultation pour les MRE âgés', lead: 'sante', partners: ['mre', 'fr'], start: '2026-03-01', due: '2026-10-31', status: 'blocked', progress: 25, indicator: 'Consultations à distance réalisées', budget: 2_800_000 },
      { title: 'Accès des migrants et des réfugiés aux soins de santé primaires', lead: 'sante', partners: ['hcr', 'oim', 'solidarite'], start: '2026-02-01', due: '2027-12-31', status: 'in_progress', progress: 40, indicator: 'Centres de santé appliquant la circulaire d’accès : 120 sur 200', budget: 9_000_000 },
      { title: 'Missions de courte durée des médecins marocains du monde', lead: 'sante', partners: ['ccme', 'enseignement-sup'], start: '2026-05-01', due: '2026-11-15', status: 'in_progress', progress: 55, indicator: 'Missions réalisées (cible : 60)', budget: 1_500_000 },
      { title: 'Reconnaissance des diplômes de santé obtenus à l’étranger', lead: 'sante', partners: ['enseignement-sup'], start: '2026-04-01', due: '2026-09-30', status: 'done', progress: 100, indicator: 'Procédure en ligne ouverte', budget: null },
      { title: 'Campagne d’information santé mentale et prévention pour les familles MRE', lead: 'sante', partners: ['fh2'], start: '2027-01-15', due: '2027-06-30', status: 'planned', progress: 0, indicator: 'Supports diffusés en quatre langues', budget: 900_000 },
    ],
  },
  {
    key: 'plan-emploi',
    kind: 'action_plan',
    title: 'Plan d’action emploi et compétences : mobilité professionnelle et réinsertion des MRE 2026-2027',
    lead: 'emploi',
    partners: ['anapec', 'oit', 'cnss'],
    access: { anapec: 'edit', de: 'view', es: 'view' },
    status: 'submitted',
    createdDaysAgo: 150,
    editedDaysAgo: 9,
    sections: {
      Contexte: [
        p('La mobilité internationale de la main-d’œuvre marocaine s’est diversifiée : aux migrations familiales anciennes s’ajoutent des programmes de recrutement encadrés (travail saisonnier en Espagne, professionnels de santé en Allemagne, partenariat pour les talents avec l’Union européenne). Dans le même temps, un nombre croissant de Marocains du monde souhaitent rentrer et mettre leurs compétences au service de l’économie nationale.'),
        p('Le plan articule ces deux dimensions : préparer et protéger ceux qui partent, accueillir et accompagner ceux qui reviennent.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Préparer au départ 3 000 candidats par an retenus dans les programmes de mobilité.',
          'Disposer d’une cartographie à jour des compétences marocaines à l’étranger.',
          'Lutter contre les pratiques de recrutement abusives.',
          'Accompagner la création d’activité par les MRE de retour.',
        ),
      ],
      Mesures: [p('Cinq mesures ; l’ANAPEC pilote la préparation au départ, le ministère pilote les autres.')],
      'Suivi et évaluation': [
        p('Les indicateurs sont alimentés par le système d’information de l’ANAPEC et par l’enquête annuelle auprès des bénéficiaires. L’OIT apporte un appui méthodologique pour le suivi du recrutement équitable.'),
      ],
    },
    measures: [
      { title: 'Préparation au départ des travailleurs recrutés dans les programmes de mobilité', lead: 'anapec', partners: ['emploi', 'oit', 'de', 'es'], start: '2026-03-01', due: '2027-03-31', status: 'in_progress', progress: 50, indicator: 'Candidats formés (cible : 3 000)', budget: 5_200_000 },
      { title: 'Cartographie des compétences marocaines à l’étranger', lead: 'emploi', partners: ['mre', 'ccme'], start: '2026-06-01', due: '2026-12-31', status: 'in_progress', progress: 65, indicator: 'Profils recensés (cible : 10 000)', budget: 1_200_000 },
      { title: 'Certification des agences privées de recrutement international', lead: 'emploi', partners: ['oit'], start: '2026-02-01', due: '2026-08-31', status: 'in_progress', progress: 30, indicator: 'Agences auditées sur 45', budget: 600_000 },
      { title: 'Guichets ANAPEC dédiés aux compétences MRE de retour', lead: 'anapec', partners: ['emploi', 'mre'], start: '2027-01-01', due: '2027-06-30', status: 'planned', progress: 0, indicator: 'Guichets ouverts dans 6 régions', budget: 2_400_000 },
      { title: 'Accompagnement à la création d’entreprise des MRE de retour', lead: 'emploi', partners: ['amdie', 'albarid'], start: '2027-02-01', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'Projets financés (cible : 250)', budget: 7_000_000 },
    ],
  },
  {
    key: 'plan-justice',
    kind: 'action_plan',
    title: 'Plan d’action justice : accès des MRE au droit et aux services judiciaires 2026-2027',
    lead: 'justice',
    partners: ['affaires-etrangeres', 'ccme'],
    access: { fr: 'view', be: 'view', es: 'view' },
    status: 'draft',
    createdDaysAgo: 60,
    editedDaysAgo: 2,
    sections: {
      Contexte: [
        p('Les Marocains résidant à l’étranger sont confrontés à des procédures judiciaires et d’état civil qui supposent souvent un déplacement au Maroc : transcription des actes de mariage, successions, kafala, exécution des décisions étrangères en matière de divorce. Les cellules d’accueil ouvertes dans certains tribunaux pendant l’été ont montré leur utilité, mais restent saisonnières.'),
        p('La transformation numérique de la justice permet désormais d’envisager le traitement à distance d’une partie importante de ces demandes.'),
      ],
      'Objectifs stratégiques': [
        ul(
          'Rendre permanentes les cellules d’accueil MRE dans les juridictions les plus sollicitées.',
          'Permettre le dépôt et le suivi en ligne des principales demandes depuis l’étranger.',
          'Mieux informer les familles sur le Code de la famille et les conflits de lois.',
        ),
      ],
      Mesures: [p('Projet de mesures à discuter avec les partenaires avant passage en revue.')],
      'Suivi et évaluation': [p('À compléter après l’arbitrage budgétaire.')],
    },
    extra: [
      h('ملاحظات قطاع العدل', 2),
      { type: 'paragraph', dir: 'rtl', text: 'يقترح قطاع العدل تعميم خلايا استقبال مغاربة العالم بالمحاكم الابتدائية على مدار السنة، وتسريع رقمنة طلبات السجل العدلي والوثائق القضائية انطلاقا من الخارج.' },
    ],
    measures: [
      { title: 'Cellules d’accueil MRE permanentes dans les tribunaux de première instance', lead: 'justice', partners: ['mre'], start: '2026-07-01', due: '2027-06-30', status: 'in_progress', progress: 35, indicator: 'Tribunaux dotés d’une cellule (cible : 40)', budget: 1_600_000 },
      { title: 'Demandes en ligne de casier judiciaire et de copies de jugements depuis l’étranger', lead: 'justice', partners: ['affaires-etrangeres'], start: '2026-01-15', due: '2026-10-31', status: 'in_progress', progress: 80, indicator: 'Part des demandes traitées en ligne', budget: 3_500_000 },
      { title: 'Guide multilingue du Code de la famille pour les MRE', lead: 'justice', partners: ['ccme', 'fr', 'be', 'es'], start: '2026-09-01', due: '2027-03-31', status: 'in_progress', progress: 20, indicator: 'Guide publié en arabe, français, espagnol et néerlandais', budget: 450_000 },
      { title: 'Aide juridictionnelle pour les MRE en situation de vulnérabilité', lead: 'justice', partners: ['solidarite'], start: '2026-03-01', due: '2026-09-30', status: 'blocked', progress: 10, indicator: 'Texte d’application publié', budget: 1_000_000 },
      { title: 'Séminaires avec les magistrats de liaison sur les conflits de lois', lead: 'justice', partners: ['fr', 'es', 'be'], start: '2027-01-01', due: '2027-12-31', status: 'planned', progress: 0, indicator: 'Séminaires tenus (cible : 3)', budget: 800_000 },
    ],
  },
  {
    key: 'plan-solidarite',
    kind: 'action_plan',
    title: 'Plan d’action 2025-2026 : protection des enfants et des familles MRE en situation de vulnérabilité',
    lead: 'solidarite',
    partners: ['justice', 'interieur'],
    access: { es: 'view' },
    status: 'closed',
    createdDaysAgo: 640,
    editedDaysAgo: 40,
    sections: {
      Contexte: [
        p('Ce plan, adopté en 2025, répondait à trois situations signalées par les consulats et les associations : les femmes MRE victimes de violences, les mineurs non accompagnés rapatriés et les familles de MRE détenus à l’étranger.'),
      ],
      'Objectifs stratégiques': [
        ul('Offrir une écoute et une orientation aux femmes MRE victimes de violences.', 'Organiser la prise en charge des mineurs rapatriés.', 'Soutenir les familles des MRE détenus.'),
      ],
      Mesures: [p('Trois mesures achevées, une mesure abandonnée et remplacée par des conventions avec les associations.')],
      'Suivi et évaluation': [
        p('Le bilan final a été présenté à la commission technique en octobre 2026. Les enseignements sont repris dans le plan 2027 en préparation.'),
      ],
    },
    measures: [
      { title: 'Cellule d’écoute pour les femmes MRE victimes de violences', lead: 'solidarite', partners: ['mre', 'justice'], start: '2025-03-01', due: '2025-12-31', status: 'done', progress: 100, indicator: 'Appels traités : 2 340', budget: 1_200_000 },
      { title: 'Prise en charge des mineurs marocains non accompagnés rapatriés', lead: 'solidarite', partners: ['interieur', 'es'], start: '2025-01-15', due: '2026-06-30', status: 'done', progress: 100, indicator: 'Mineurs pris en charge avec un projet individuel', budget: 4_800_000 },
      { title: 'Accompagnement des familles des MRE détenus à l’étranger', lead: 'solidarite', partners: ['justice', 'affaires-etrangeres'], start: '2025-06-01', due: '2026-03-31', status: 'done', progress: 100, indicator: 'Familles accompagnées : 310', budget: 700_000 },
      { title: 'Centre d’accueil temporaire à Tanger', lead: 'solidarite', partners: ['interieur'], start: '2025-09-01', due: '2026-06-30', status: 'cancelled', progress: 0, indicator: 'Remplacé par des conventions avec les associations', budget: null },
    ],
  },
];
