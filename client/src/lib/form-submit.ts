import { createSignal } from 'solid-js';

/**
 * What a form does when it is sent: `work` runs instead of a page load; `busy` is true while it
 * runs (to disable the send button), `error` holds what failed (for an ErrorBox) and is cleared
 * when the form is sent again.
 */
export function createFormSubmit(work: () => Promise<void>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
