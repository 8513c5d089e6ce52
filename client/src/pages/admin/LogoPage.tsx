import { Show, createResource, createSignal } from 'solid-js';
import { del, upload } from '../../api/client.ts';
import { ErrorBox, Notice } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { MAX_LOGO_BYTES, type Logo } from '../../../../shared/api/files.ts';

const TYPES = ['image/png', 'image/jpeg'];

/** Whether a logo is set: the image answers 200, or 404 when there is none. */
const logoVersion = async (version: number): Promise<string | null> => {
  const response = await fetch('/api/settings/logo', { method: 'HEAD', credentials: 'same-origin' });
  return response.ok ? `/api/settings/logo?v=${version}` : null;
};

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** The logo official exports carry: see it, replace it (with a preview first), or remove it. */
export function LogoPage() {
  const [version, setVersion] = createSignal(0);
  const [current] = createResource(version, logoVersion);
  const [file, setFile] = createSignal<File | null>(null);
  // A data: URL, since the page's content policy allows images from 'self' and data: only.
  const [preview, setPreview] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<'files.logo.wrongType' | 'files.logo.tooBig' | null>(null);
  const [error, setError] = createSignal<unknown>();
  // What happened, rendered in the current language (it may change while the notice shows).
  const [done, setDone] = createSignal<(() => string) | null>(null);
  const [busy, setBusy] = createSignal(false);

  const choose = async (chosen: File | null) => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(undefined);
    setProblem(null);
    if (!chosen) return;
    if (!TYPES.includes(chosen.type)) return setProblem('files.logo.wrongType');
    if (chosen.size > MAX_LOGO_BYTES) return setProblem('files.logo.tooBig');
    setFile(chosen);
    setPreview(await readAsDataUrl(chosen));
  };
  const save = async () => {
    const chosen = file();
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await upload<{ logo: Logo }>('/api/settings/logo', chosen, {}, 'PUT');
      setDone(() => () => t('files.logo.saved', { width: answer.logo.width, height: answer.logo.height }));
      setFile(null);
      setPreview(null);
      setVersion(version() + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('files.logo.confirmRemove'))) return;
    setBusy(true);
    setError(undefined);
    try {
      await del('/api/settings/logo');
      setDone(() => () => t('files.logo.removed'));
      setVersion(version() + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page logo-page">
      <div class="page-heading">
        <h1>{t('files.logo.title')}</h1>
      </div>
      <p class="muted">{t('files.logo.intro')}</p>
      <section class="panel" aria-labelledby="logo-current">
        <h2 id="logo-current">{t('files.logo.current')}</h2>
        <Show when={current()} fallback={<p class="muted">{t('files.logo.none')}</p>}>
          {(src) => (
            <>
              <img class="logo-preview" src={src()} alt={t('files.logo.current')} />
              <button type="button" class="button danger" disabled={busy()} onClick={() => void remove()}>
                {t('files.logo.remove')}
              </button>
            </>
          )}
        </Show>
      </section>
      <section class="panel" aria-labelledby="logo-new">
        <h2 id="logo-new">{t('files.logo.choose')}</h2>
        <label class="field">
          <span>{t('files.chooseFile')}</span>
          <input type="file" accept="image/png,image/jpeg" onChange={(event) => void choose(event.currentTarget.files?.[0] ?? null)} />
        </label>
        <Show when={problem()}>
          {(key) => (
            <p class="notice warning" role="alert">
              {t(key())}
            </p>
          )}
        </Show>
        <Show when={preview()}>
          {(src) => (
            <figure class="logo-figure">
              <img class="logo-preview" src={src()} alt={t('files.logo.preview')} />
              <figcaption>{t('files.logo.preview')}</figcaption>
            </figure>
          )}
        </Show>
        <ErrorBox error={error()} />
        <Show when={done()}>{(text) => <Notice kind="success">{text()()}</Notice>}</Show>
        <button type="button" class="button primary" disabled={busy() || !file()} onClick={() => void save()}>
          {t('files.logo.save')}
        </button>
      </section>
    </div>
  );
}
