import type { Decision, DocumentStatus, Locale } from '../../db/schema.ts';

/**
 * The words of generated minutes in each document language (issue 16: minutes in the document's
 * language, not always French). Names (people, organisations, the commission) come from the
 * data, in the same language where the data has it.
 */
export interface MinutesText {
  /** Intl locale for dates: Arabic with Latin digits, as the ministry writes them */
  dateLocale: string;
  title: (sessionTitle: string, date: string) => string;
  sitting: (commission: string, date: string, place: string) => string;
  chair: (person: string) => string;
  present: string;
  noAttendance: string;
  organisationsRepresented: (list: string) => string;
  agenda: string;
  noItems: string;
  document: (title: string) => string;
  presentedBy: (who: string) => string;
  notSpecified: string;
  decision: (label: string, text: string | null) => string;
  noDecision: string;
  observations: string;
  noObservations: string;
  said: (person: string, body: string) => string;
  restrictedTitle: string;
  restrictedNote: string;
  decisions: Record<Decision, string>;
  statuses: Record<DocumentStatus, string>;
  moved: (status: string, returned: boolean) => string;
  noted: string;
  blocked: (status: string) => string;
  unconfirmed: string;
  /** list separator */
  comma: string;
}

export const MINUTES_TEXT: Record<Locale, MinutesText> = {
  fr: {
    dateLocale: 'fr-FR',
    title: (session, date) => `Procès-verbal — ${session} (${date})`,
    sitting: (commission, date, place) => `${commission} — séance du ${date}${place ? `, ${place}` : ''}.`,
    chair: (person) => `Présidence : ${person}.`,
    present: 'Présents',
    noAttendance: 'Aucune présence enregistrée.',
    organisationsRepresented: (list) => `Organisations représentées : ${list}.`,
    agenda: 'Ordre du jour',
    noItems: 'Aucun point inscrit.',
    document: (title) => `Document : ${title}`,
    presentedBy: (who) => `Présenté par : ${who}`,
    notSpecified: 'non précisé',
    decision: (label, text) => `Décision : ${label}${text ? ` — ${text}` : '.'}`,
    noDecision: 'Décision : aucune décision enregistrée.',
    observations: 'Observations',
    noObservations: 'Aucune observation.',
    said: (person, body) => `${person} : ${body}`,
    restrictedTitle: 'Point à diffusion restreinte',
    restrictedNote:
      'Le document de ce point n’est pas lisible par tous les destinataires de ce procès-verbal : son titre, le texte de la décision et les observations figurent dans le document lui-même.',
    decisions: { adopted: 'Adopté', adopted_with_changes: 'Adopté avec modifications', returned: 'Renvoyé pour reprise', postponed: 'Reporté' },
    statuses: {
      draft: 'Brouillon',
      in_review: 'En relecture',
      submitted: 'Soumis',
      adopted: 'Adopté',
      in_implementation: 'En mise en œuvre',
      closed: 'Clôturé',
      returned: 'Renvoyé',
    },
    moved: (status, returned) => `Suite donnée : le document passe au statut « ${status} »${returned ? ', la décision valant motif' : ''}.`,
    noted: 'Suite donnée : statut du document inchangé, décision notée.',
    blocked: (status) => `Suite donnée : statut du document inchangé, la procédure ne permettant pas le passage au statut « ${status} ».`,
    unconfirmed: 'Suite donnée : non confirmée par la présidence ; statut du document inchangé.',
    comma: ', ',
  },
  ar: {
    dateLocale: 'ar-MA',
    title: (session, date) => `محضر — ${session} (${date})`,
    sitting: (commission, date, place) => `${commission} — جلسة ${date}${place ? `، ${place}` : ''}.`,
    chair: (person) => `الرئاسة: ${person}.`,
    present: 'الحاضرون',
    noAttendance: 'لم يُسجَّل أي حضور.',
    organisationsRepresented: (list) => `الجهات الممثلة: ${list}.`,
    agenda: 'جدول الأعمال',
    noItems: 'لا توجد نقط مدرجة.',
    document: (title) => `الوثيقة: ${title}`,
    presentedBy: (who) => `قدّمها: ${who}`,
    notSpecified: 'غير محدد',
    decision: (label, text) => `القرار: ${label}${text ? ` — ${text}` : '.'}`,
    noDecision: 'القرار: لم يُسجَّل أي قرار.',
    observations: 'الملاحظات',
    noObservations: 'لا توجد ملاحظات.',
    said: (person, body) => `${person}: ${body}`,
    restrictedTitle: 'نقطة محدودة التداول',
    restrictedNote: 'وثيقة هذه النقطة غير متاحة لجميع المرسل إليهم هذا المحضر: عنوانها ونص القرار والملاحظات مضمنة في الوثيقة نفسها.',
    decisions: { adopted: 'اعتُمد', adopted_with_changes: 'اعتُمد مع تعديلات', returned: 'أُعيد للمراجعة', postponed: 'أُرجئ' },
    statuses: { draft: 'مسودة', in_review: 'قيد المراجعة', submitted: 'مقدَّم', adopted: 'معتمد', in_implementation: 'قيد التنفيذ', closed: 'مغلق', returned: 'مُعاد' },
    moved: (status, returned) => `المآل: تنتقل الوثيقة إلى وضعية «${status}»${returned ? '، ويُعتدّ بالقرار سببًا' : ''}.`,
    noted: 'المآل: وضعية الوثيقة دون تغيير، وسُجّل القرار.',
    blocked: (status) => `المآل: وضعية الوثيقة دون تغيير، إذ لا تسمح المسطرة بالانتقال إلى وضعية «${status}».`,
    unconfirmed: 'المآل: لم تؤكده الرئاسة؛ وضعية الوثيقة دون تغيير.',
    comma: '، ',
  },
  en: {
    dateLocale: 'en-GB',
    title: (session, date) => `Minutes — ${session} (${date})`,
    sitting: (commission, date, place) => `${commission} — meeting of ${date}${place ? `, ${place}` : ''}.`,
    chair: (person) => `Chair: ${person}.`,
    present: 'Present',
    noAttendance: 'No attendance recorded.',
    organisationsRepresented: (list) => `Organisations represented: ${list}.`,
    agenda: 'Agenda',
    noItems: 'No items on the agenda.',
    document: (title) => `Document: ${title}`,
    presentedBy: (who) => `Presented by: ${who}`,
    notSpecified: 'not specified',
    decision: (label, text) => `Decision: ${label}${text ? ` — ${text}` : '.'}`,
    noDecision: 'Decision: none recorded.',
    observations: 'Observations',
    noObservations: 'No observations.',
    said: (person, body) => `${person}: ${body}`,
    restrictedTitle: 'Restricted item',
    restrictedNote: 'Not every recipient of these minutes may read this item’s document: its title, the text of the decision and the observations are in the document itself.',
    decisions: { adopted: 'Adopted', adopted_with_changes: 'Adopted with changes', returned: 'Returned for rework', postponed: 'Postponed' },
    statuses: {
      draft: 'Draft',
      in_review: 'In review',
      submitted: 'Submitted',
      adopted: 'Adopted',
      in_implementation: 'In implementation',
      closed: 'Closed',
      returned: 'Returned',
    },
    moved: (status, returned) => `Follow-up: the document moves to “${status}”${returned ? ', with the decision as the reason' : ''}.`,
    noted: 'Follow-up: document status unchanged, decision noted.',
    blocked: (status) => `Follow-up: document status unchanged; the workflow does not allow moving to “${status}”.`,
    unconfirmed: 'Follow-up: not confirmed by the chair; document status unchanged.',
    comma: ', ',
  },
};
