import { createSignal } from 'solid-js';

/**
 * Work started by a button or a form: `run(work)` runs it; `busy` is true while it runs (to
 * disable what started it), `error` holds what failed (for an ErrorBox) and is cleared at the
 * next run.
 */
export function createAction() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const run = async (work: () => Promise<unknown>) => {
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
  return { run, busy, error };
}

/** What a form does when it is sent: `work` runs instead of a page load, as an action (above). */
export function createFormSubmit(work: () => Promise<void>) {
  const { run, busy, error } = createAction();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    return run(work);
  };
  return { submit, busy, error };
}
