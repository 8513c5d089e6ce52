/**
 * Messages for the API's error codes that no feature area owns (request-level and reporting-cycle
 * refusals). Every code of shared/api-errors.ts must be translated in some area: i18n/index.ts
 * looks each one up by its code, so a missing one fails the typecheck there.
 */
export const fr = {
  'error.bad_request': 'La demande est mal formée.',
  'error.malformed_json': 'La demande est mal formée.',
  'error.method_not_allowed': 'Cette action n’est pas possible ici.',
  'error.not_implemented': 'Cette action n’est pas encore disponible.',
  'error.too_many_subscriptions': 'Trop de documents et de séances ouverts à la fois : fermez-en quelques-uns.',
  'error.already_has_access': 'Vous avez déjà accès à ce document.',
  'error.invalid_suggestion': 'Cette suggestion ne peut pas être appliquée au texte actuel.',
  'error.cycle_closed': 'Ce cycle de suivi est clos : ses rapports ne peuvent plus changer.',
  'error.empty_scope': 'Aucune mesure avec une organisation responsable dans ce périmètre : rien à rapporter.',
  'error.incomplete_report': 'Complétez le rapport avant de le soumettre.',
  'error.stale_report': 'Quelqu’un a modifié ce rapport entre-temps : voici sa version actuelle, refaites votre changement.',
  'error.plan_unavailable': 'Le plan n’a pas pu recevoir les valeurs du rapport ; le rapport est revenu en brouillon. Réessayez.',
} as const;

export const ar: Record<keyof typeof fr, string> = {
  'error.bad_request': 'الطلب غير سليم.',
  'error.malformed_json': 'الطلب غير سليم.',
  'error.method_not_allowed': 'هذا الإجراء غير ممكن هنا.',
  'error.not_implemented': 'هذا الإجراء غير متاح بعد.',
  'error.too_many_subscriptions': 'عدد الوثائق والجلسات المفتوحة في آن واحد كبير جدًا: أغلق بعضها.',
  'error.already_has_access': 'لديك بالفعل حق الوصول إلى هذه الوثيقة.',
  'error.invalid_suggestion': 'لا يمكن تطبيق هذا الاقتراح على النص الحالي.',
  'error.cycle_closed': 'دورة التتبع هذه مغلقة: لم يعد بالإمكان تغيير تقاريرها.',
  'error.empty_scope': 'لا يوجد في هذا النطاق أي إجراء له جهة مكلفة: لا شيء يُرفع عنه تقرير.',
  'error.incomplete_report': 'أكمل التقرير قبل تقديمه.',
  'error.stale_report': 'عدّل شخص آخر هذا التقرير في الأثناء: هذه نسخته الحالية، أعد تغييرك عليها.',
  'error.plan_unavailable': 'تعذر على الخطة استقبال قيم التقرير؛ عاد التقرير إلى المسودة. أعد المحاولة.',
};

export const en: Record<keyof typeof fr, string> = {
  'error.bad_request': 'The request is malformed.',
  'error.malformed_json': 'The request is malformed.',
  'error.method_not_allowed': 'This action is not possible here.',
  'error.not_implemented': 'This action is not available yet.',
  'error.too_many_subscriptions': 'Too many documents and sessions open at once: close a few.',
  'error.already_has_access': 'You already have access to this document.',
  'error.invalid_suggestion': 'This suggestion cannot be applied to the current text.',
  'error.cycle_closed': 'This reporting cycle is closed: its reports can no longer change.',
  'error.empty_scope': 'No measure with a lead organisation is in this scope: nothing to report on.',
  'error.incomplete_report': 'Complete the report before submitting it.',
  'error.stale_report': 'Someone changed this report meanwhile: here it is as it now stands; make your change again.',
  'error.plan_unavailable': 'The plan could not take the report’s values; the report is back to draft. Try again.',
};
