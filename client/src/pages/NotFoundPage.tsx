import { A } from '@solidjs/router';
import { t } from '../i18n/index.ts';

export function NotFoundPage() {
  return (
    <section class="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <A href="/" class="button">
        {t('notFound.home')}
      </A>
    </section>
  );
}
