import type { Locale } from '../../db/schema.ts';
import { escapeMrkdwn } from '../blocks/common.ts';

/**
 * The bot's follow-up cycle strings (issue 19), in their own dictionary so the report command can
 * grow without touching the shared bot dictionaries. Same rules as `t`: filled-in values are
 * escaped as mrkdwn, `tr.plain` leaves them as typed (plain_text fields, modal errors).
 */
const fr = {
  'report.none': 'Votre organisation n’a aucun rapport de suivi en attente.',
  'report.title': 'Rapports de suivi en attente — {organisation}',
  'report.item': '*{measure}*\n{plan} · {period}, échéance le {due}{late}',
  'report.late': ' · *en retard*',
  'report.state.not_started': 'non commencé',
  'report.state.draft': 'brouillon',
  'report.state.returned': 'renvoyé',
  'report.button': 'Rapporter',
  'report.openAll': 'Ouvrir mes rapports dans Tansiq',
  'report.more': '… et {count} autre(s) dans Tansiq.',
  'report.help': '`/tansiq report` — mes rapports de suivi en attente',
  'modal.title': 'Rapport de suivi',
  'modal.submit': 'Envoyer',
  'modal.cancel': 'Annuler',
  'modal.status': 'Statut',
  'modal.progress': 'Avancement (%)',
  'modal.progressHint': 'Nombre entier de 0 à 100.',
  'modal.indicator': 'Valeur actuelle de l’indicateur',
  'modal.indicatorHint': 'Référence {baseline}, cible {target} {unit}',
  'modal.narrative': 'Commentaire',
  'modal.blockers': 'Blocages',
  'modal.support': 'Appui demandé',
  'modal.action': 'Que faire ?',
  'modal.submitReport': 'Soumettre le rapport',
  'modal.saveDraft': 'Enregistrer en brouillon',
  'status.planned': 'Prévue',
  'status.in_progress': 'En cours',
  'status.done': 'Réalisée',
  'status.blocked': 'Bloquée',
  'status.cancelled': 'Annulée',
  'error.progress': 'Un nombre entier de 0 à 100.',
  'error.indicator': 'Un nombre, par exemple 42 ou 3,5.',
  'error.required': 'À renseigner pour soumettre.',
  'error.stale': 'Un collègue a modifié ce rapport entre-temps : rouvrez-le depuis /tansiq report.',
  'error.closed': 'Ce cycle est clos : le rapport ne peut plus changer.',
  'error.gone': 'Ce rapport n’existe plus ou ne vous est plus accessible.',
  'done.submitted': 'Rapport soumis pour « {measure} » ({period}) : le plan est à jour.',
  'done.saved': 'Brouillon enregistré pour « {measure} » ({period}).',
  'notice.opened': '📋 Cycle de suivi *{period}* ouvert : {reports} rapports attendus pour le {due}.',
  'notice.closed': '✅ Cycle de suivi *{period}* clos : {submitted} rapports remis sur {reports}.',
  'notice.consolidated': 'Rapport consolidé : {link}',
  'notice.reminder': '⏰ Rappel : les rapports de suivi *{period}* sont attendus pour le {due}.',
  'notice.reminderLate': '⏰ Rappel : les rapports de suivi *{period}* étaient attendus pour le {due}.',
  'notice.reminderChannel': '⏰ Cycle *{period}* : rapports encore attendus de {organisations}.',
  'notice.open': 'Ouvrir mes rapports',
  'notice.more': '… et {count} autre(s)',
} as const;

type Key = keyof typeof fr;

const ar: Record<Key, string> = {
  'report.none': 'ليس لهيئتكم أي تقرير تتبع معلّق.',
  'report.title': 'تقارير التتبع المعلّقة — {organisation}',
  'report.item': '*{measure}*\n{plan} · {period}، الأجل {due}{late}',
  'report.late': ' · *متأخر*',
  'report.state.not_started': 'لم يبدأ',
  'report.state.draft': 'مسودة',
  'report.state.returned': 'معاد',
  'report.button': 'تقديم تقرير',
  'report.openAll': 'فتح تقاريري في تنسيق',
  'report.more': '… و{count} أخرى في تنسيق.',
  'report.help': '`/tansiq report` — تقارير التتبع المعلّقة',
  'modal.title': 'تقرير تتبع',
  'modal.submit': 'إرسال',
  'modal.cancel': 'إلغاء',
  'modal.status': 'الحالة',
  'modal.progress': 'نسبة الإنجاز (%)',
  'modal.progressHint': 'عدد صحيح من 0 إلى 100.',
  'modal.indicator': 'القيمة الحالية للمؤشر',
  'modal.indicatorHint': 'المرجع {baseline}، الهدف {target} {unit}',
  'modal.narrative': 'تعليق',
  'modal.blockers': 'العوائق',
  'modal.support': 'الدعم المطلوب',
  'modal.action': 'ماذا تريد؟',
  'modal.submitReport': 'تقديم التقرير',
  'modal.saveDraft': 'حفظ كمسودة',
  'status.planned': 'مبرمج',
  'status.in_progress': 'في طور الإنجاز',
  'status.done': 'منجز',
  'status.blocked': 'متعثر',
  'status.cancelled': 'ملغى',
  'error.progress': 'عدد صحيح من 0 إلى 100.',
  'error.indicator': 'عدد، مثلًا 42 أو 3,5.',
  'error.required': 'يجب ملؤه للتقديم.',
  'error.stale': 'عدّل زميل هذا التقرير في الأثناء: أعيدوا فتحه عبر ‎/tansiq report.',
  'error.closed': 'هذه الدورة مغلقة: لم يعد بالإمكان تعديل التقرير.',
  'error.gone': 'هذا التقرير لم يعد موجودًا أو لم يعد متاحًا لكم.',
  'done.submitted': 'قُدّم التقرير حول «{measure}» ({period}): المخطط محيَّن.',
  'done.saved': 'حُفظت المسودة حول «{measure}» ({period}).',
  'notice.opened': '📋 فُتحت دورة التتبع *{period}*: {reports} تقرير(ا) منتظر قبل {due}.',
  'notice.closed': '✅ أُغلقت دورة التتبع *{period}*: قُدّم {submitted} تقرير(ا) من أصل {reports}.',
  'notice.consolidated': 'التقرير الموحّد: {link}',
  'notice.reminder': '⏰ تذكير: تقارير التتبع *{period}* منتظرة قبل {due}.',
  'notice.reminderLate': '⏰ تذكير: كانت تقارير التتبع *{period}* منتظرة قبل {due}.',
  'notice.reminderChannel': '⏰ دورة *{period}*: تقارير ما زالت منتظرة من {organisations}.',
  'notice.open': 'فتح تقاريري',
  'notice.more': '… و{count} أخرى',
};

const en: Record<Key, string> = {
  'report.none': 'Your organisation has no pending follow-up report.',
  'report.title': 'Pending follow-up reports — {organisation}',
  'report.item': '*{measure}*\n{plan} · {period}, due {due}{late}',
  'report.late': ' · *late*',
  'report.state.not_started': 'not started',
  'report.state.draft': 'draft',
  'report.state.returned': 'returned',
  'report.button': 'Report',
  'report.openAll': 'Open my reports in Tansiq',
  'report.more': '… and {count} more in Tansiq.',
  'report.help': '`/tansiq report` — my pending follow-up reports',
  'modal.title': 'Follow-up report',
  'modal.submit': 'Send',
  'modal.cancel': 'Cancel',
  'modal.status': 'Status',
  'modal.progress': 'Progress (%)',
  'modal.progressHint': 'A whole number from 0 to 100.',
  'modal.indicator': 'Indicator’s current value',
  'modal.indicatorHint': 'Baseline {baseline}, target {target} {unit}',
  'modal.narrative': 'Narrative',
  'modal.blockers': 'Blockers',
  'modal.support': 'Support requested',
  'modal.action': 'What to do?',
  'modal.submitReport': 'Submit the report',
  'modal.saveDraft': 'Save as draft',
  'status.planned': 'Planned',
  'status.in_progress': 'In progress',
  'status.done': 'Done',
  'status.blocked': 'Blocked',
  'status.cancelled': 'Cancelled',
  'error.progress': 'A whole number from 0 to 100.',
  'error.indicator': 'A number, e.g. 42 or 3.5.',
  'error.required': 'Required to submit.',
  'error.stale': 'A colleague changed this report meanwhile: open it again from /tansiq report.',
  'error.closed': 'This cycle is closed: the report can no longer change.',
  'error.gone': 'This report no longer exists or is no longer yours to see.',
  'done.submitted': 'Report submitted for “{measure}” ({period}): the plan is up to date.',
  'done.saved': 'Draft saved for “{measure}” ({period}).',
  'notice.opened': '📋 Follow-up cycle *{period}* opened: {reports} reports due {due}.',
  'notice.closed': '✅ Follow-up cycle *{period}* closed: {submitted} of {reports} reports submitted.',
  'notice.consolidated': 'Consolidated report: {link}',
  'notice.reminder': '⏰ Reminder: the *{period}* follow-up reports are due {due}.',
  'notice.reminderLate': '⏰ Reminder: the *{period}* follow-up reports were due {due}.',
  'notice.reminderChannel': '⏰ Cycle *{period}*: reports still expected from {organisations}.',
  'notice.open': 'Open my reports',
  'notice.more': '… and {count} more',
};

const DICTIONARIES: Record<Locale, Record<Key, string>> = { fr, ar, en };

/** Values marked this way are mrkdwn we built (a link): placed as they are. */
export class Raw {
  constructor(readonly text: string) {}
}

function fill(locale: Locale, key: Key, params: Record<string, string | number | Raw>, escape: (value: string) => string): string {
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return value instanceof Raw ? value.text : escape(String(value));
  });
}

export const tr = Object.assign((locale: Locale, key: Key, params: Record<string, string | number | Raw> = {}) => fill(locale, key, params, escapeMrkdwn), {
  plain: (locale: Locale, key: Key, params: Record<string, string | number | Raw> = {}) => fill(locale, key, params, (value) => value),
});
export type ReportKey = Key;
