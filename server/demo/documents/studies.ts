import { ar, arabicSummary, h, p, ul } from '../blocks.ts';
import type { DemoDocument } from '../types.ts';

/** Studies and expertise that inform the commission's decisions. */
export const STUDIES: DemoDocument[] = [
  {
    key: 'etude-transferts',
    kind: 'study',
    title: 'Étude sur les transferts de fonds des MRE et leur orientation vers l’investissement productif',
    lead: 'mre',
    author: 'admin@demo.tansiq.ma',
    partners: ['bam', 'finances', 'albarid', 'amdie'],
    access: { investissement: 'view', ccme: 'view' },
    status: 'adopted',
    createdDaysAgo: 280,
    editedDaysAgo: 60,
    sections: {
      Problématique: [
        p(
          'Les transferts des Marocains résidant à l’étranger ont résisté à toutes les crises récentes et dépassent désormais 115 milliards de dirhams par an. Comment orienter une part plus importante de ces flux vers l’investissement productif, sans remettre en cause leur fonction de solidarité familiale ?',
        ),
      ],
      Méthodologie: [
        p(
          'L’étude combine l’analyse des données de balance des paiements fournies par Bank Al-Maghrib, une enquête auprès de 3 200 MRE dans huit pays d’accueil et 45 entretiens avec des investisseurs MRE, des banquiers et des responsables de centres régionaux d’investissement.',
        ),
      ],
      Résultats: [
        p(
          'Près de 70 % des transferts financent la consommation courante des familles et 20 % l’immobilier. Les MRE qui ont investi dans une activité productive citent comme premiers obstacles le manque d’information fiable, la complexité administrative et la difficulté à suivre un projet à distance.',
        ),
        ul(
          'Les jeunes MRE de la deuxième et de la troisième génération transfèrent moins mais se déclarent plus intéressés par l’investissement.',
          'Le coût moyen d’un transfert a baissé mais reste supérieur à 4 % dans certains corridors.',
          'Les produits bancaires dédiés aux MRE sont mal connus.',
        ),
      ],
      Recommandations: [
        ul(
          'Créer un guichet MRE dans chaque centre régional d’investissement.',
          'Développer un produit d’épargne-investissement garanti.',
          'Publier chaque année un baromètre des transferts et de l’investissement.',
          'Organiser des roadshows dans les principaux pays d’accueil.',
        ),
        p('Ces recommandations ont été reprises dans le plan d’action pour la mobilisation de l’investissement des Marocains du monde.'),
      ],
    },
    extra: arabicSummary(
      'خلصت الدراسة إلى أن جزءا محدودا من تحويلات مغاربة العالم يوجه إلى الاستثمار المنتج، وأوصت بإحداث شباك خاص بهم في كل مركز جهوي للاستثمار وبتطوير منتج ادخاري استثماري مضمون.',
    ),
  },
  {
    key: 'etude-troisieme-generation',
    kind: 'study',
    title: 'Enquête sur les jeunes Marocains du monde de la troisième génération : attentes et liens avec le Maroc',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['ccme', 'fh2'],
    access: { ccme: 'edit', jeunesse: 'view', culture: 'view', education: 'view' },
    status: 'in_review',
    createdDaysAgo: 140,
    editedDaysAgo: 2,
    sections: {
      Problématique: [
        p(
          'Les jeunes nés de parents eux-mêmes nés à l’étranger forment une part croissante de la communauté marocaine. Leur rapport au Maroc est-il en train de se distendre, ou prend-il de nouvelles formes ?',
        ),
      ],
      Méthodologie: [
        p(
          'Enquête en ligne auprès de 5 000 jeunes de 18 à 30 ans en France, en Espagne, en Belgique, aux Pays-Bas, en Italie et en Allemagne, complétée par douze groupes de discussion.',
        ),
      ],
      Résultats: [
        p(
          'Résultats provisoires : 78 % des répondants se rendent au Maroc au moins une fois tous les deux ans ; 41 % déclarent ne pas maîtriser l’arabe écrit ; 35 % envisagent une expérience professionnelle au Maroc.',
        ),
        p('Les répondants attendent surtout des démarches administratives simplifiées, une offre culturelle qui leur ressemble et des opportunités professionnelles visibles.'),
      ],
      Recommandations: [p('En cours de rédaction avec le CCME ; à présenter à la commission technique de janvier.')],
    },
  },
  {
    key: 'etude-retraites',
    kind: 'study',
    title: 'دراسة حول الحماية الاجتماعية للمتقاعدين المغاربة المقيمين بالخارج',
    language: 'ar',
    lead: 'mre',
    author: 'secretariat@demo.tansiq.ma',
    partners: ['cnss', 'finances'],
    access: { sante: 'view', nl: 'view' },
    status: 'draft',
    createdDaysAgo: 30,
    editedDaysAgo: 5,
    sections: {
      Problématique: [
        ar(
          'يواجه عدد متزايد من المتقاعدين المغاربة المقيمين بالخارج صعوبات في الاستفادة من معاشاتهم وخدمات التغطية الصحية عند عودتهم إلى المغرب، بسبب تباين تشريعات بلدان الإقامة ومحدودية الاتفاقيات الثنائية للضمان الاجتماعي.',
        ),
      ],
      Méthodologie: [
        ar('تعتمد الدراسة على تحليل الاتفاقيات الثنائية للضمان الاجتماعي، ومعطيات الصندوق الوطني للضمان الاجتماعي، واستمارة موجهة إلى ألفي متقاعد في خمسة بلدان أوروبية.'),
      ],
      Résultats: [ar('في طور الإنجاز.')],
      Recommandations: [ar('في طور الإنجاز.')],
    },
    // The team's note stays in French: a mixed-language document, each paragraph in its own direction.
    extra: [h('ملاحظة فريق العمل', 2), p('Version de travail : les résultats de l’enquête seront intégrés en février 2027.')],
  },
];
