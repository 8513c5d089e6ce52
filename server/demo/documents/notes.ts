import { ar, h, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

const DEPARTMENTS = ['education', 'sante', 'emploi', 'justice', 'culture', 'jeunesse', 'investissement', 'habous', 'enseignement-sup', 'solidarite'];

/** Internal notes of the coordination unit and the departments. */
export const NOTES: DemoDocument[] = [
  {
    key: 'note-marhaba-2027',
    kind: 'note',
    title: 'Note de cadrage : opération Marhaba 2027',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['fh2', 'interieur', 'affaires-etrangeres', 'sante'],
    access: { fh2: 'edit' },
    status: 'draft',
    createdDaysAgo: 18,
    editedDaysAgo: 0,
    sections: {
      '': [
        p(
          'L’opération Marhaba accueille chaque été plus de trois millions de Marocains du monde qui rentrent pour les vacances. L’édition 2026 s’est déroulée sans incident majeur ; les temps d’attente aux ports de Tanger Med et d’Algésiras ont toutefois dépassé six heures lors des pics de fin juillet.',
        ),
        h('Orientations proposées pour 2027', 2),
        ul(
          'Généraliser la réservation de créneaux d’embarquement.',
          'Renforcer les aires de repos sur les autoroutes du nord.',
          'Étendre l’assistance sociale et médicale aux aéroports de Casablanca, Marrakech et Oujda.',
          'Publier un guide numérique en quatre langues.',
        ),
        p('La Fondation Hassan II est invitée à compléter la note par le bilan détaillé de ses espaces d’accueil.'),
      ],
    },
  },
  {
    key: 'note-calendrier-rapports',
    kind: 'note',
    title: 'Calendrier de remontée des rapports d’avancement des plans d’action sectoriels',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: [],
    access: Object.fromEntries(DEPARTMENTS.map((code) => [code, 'view' as const])),
    status: 'adopted',
    createdDaysAgo: 90,
    editedDaysAgo: 85,
    sections: {
      '': [
        p(
          'Afin de préparer les sessions de la commission technique et de la commission interministérielle, les points focaux sont invités à actualiser l’état d’avancement des mesures de leur plan d’action selon le calendrier suivant.',
        ),
        ul(
          'Avant le 10 de chaque mois : statut, taux d’avancement et commentaires pour chaque mesure.',
          'Avant le 15 janvier, le 15 avril, le 15 juillet et le 15 octobre : note trimestrielle sur les mesures en retard.',
          'Avant le 30 novembre : projet de plan d’action pour l’année suivante.',
        ),
        p('Les mises à jour se font directement dans le tableau des mesures de chaque plan. La cellule de coordination consolide les données le 11 de chaque mois.'),
      ],
    },
  },
  {
    key: 'note-consulaire',
    kind: 'note',
    title: 'مذكرة حول رقمنة الخدمات القنصلية لفائدة مغاربة العالم',
    language: 'ar',
    lead: 'affaires-etrangeres',
    partners: ['mre', 'interieur', 'justice'],
    status: 'in_review',
    createdDaysAgo: 28,
    editedDaysAgo: 3,
    sections: {
      '': [
        ar('تعرض هذه المذكرة حصيلة رقمنة الخدمات القنصلية خلال سنة 2026، والتي مكنت من إنجاز أزيد من ستين في المائة من طلبات الحصول على الوثائق الإدارية عن بعد.'),
        ar(
          'وتقترح المذكرة توسيع المواعيد الإلكترونية لتشمل جميع القنصليات، وإحداث ملف رقمي موحد لكل مواطن مقيم بالخارج، وتبادل المعطيات مع قطاعي الداخلية والعدل في ما يخص الحالة المدنية والسجل العدلي.',
        ),
        ar('كما تدعو إلى اعتماد مؤشرات لقياس رضا المرتفقين تنشر كل ستة أشهر.'),
      ],
    },
  },
  {
    key: 'note-retraites-pays-bas',
    kind: 'note',
    title: 'Note sur la situation des retraités marocains des Pays-Bas',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['nl', 'cnss'],
    access: { nl: 'view' },
    status: 'in_review',
    createdDaysAgo: 50,
    editedDaysAgo: 13,
    sections: {
      '': [
        p(
          'Plusieurs milliers de retraités marocains ayant travaillé aux Pays-Bas partagent leur vie entre les deux pays. Les évolutions de la législation néerlandaise, fondées sur le principe du pays de résidence, ont réduit certaines prestations versées aux bénéficiaires résidant au Maroc.',
        ),
        p('Les associations signalent aussi des difficultés pour fournir les certificats de vie et les justificatifs de résidence demandés chaque année.'),
        p(
          'Il est proposé d’inscrire ce point à l’ordre du jour de la prochaine commission mixte de sécurité sociale et d’étudier avec la CNSS la dématérialisation des certificats de vie.',
        ),
      ],
    },
  },
  {
    key: 'note-bilan-marhaba-2025',
    kind: 'note',
    title: 'Note d’information : bilan de l’opération Marhaba 2025',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['fh2', 'interieur'],
    status: 'closed',
    archived: true,
    createdDaysAgo: 420,
    editedDaysAgo: 400,
    sections: {
      '': [
        p(
          'L’opération Marhaba 2025 a accueilli plus de trois millions de passagers entre le 5 juin et le 15 septembre. Les espaces d’accueil de la Fondation Hassan II ont assuré plus de 40 000 prestations d’assistance sociale et médicale.',
        ),
        p('Note archivée : ses conclusions sont reprises dans la note de cadrage de l’opération Marhaba 2027.'),
      ],
    },
  },
];
