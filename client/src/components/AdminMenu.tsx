import { A, useLocation } from '@solidjs/router';
import { For, createSignal, createUniqueId, onCleanup, onMount } from 'solid-js';

export interface MenuLink {
  href: string;
  label: string;
}

/**
 * The administration pages behind one button of the header (the WAI-ARIA menu button pattern):
 * Enter, Space or ↓ opens it on the first entry and ↑ on the last; ↓ ↑ Home End and a letter move
 * between entries; Escape closes it and gives the focus back to the button; Tab, a click elsewhere
 * or choosing a page closes it. The button reads as current while one of its pages is open.
 */
export function AdminMenu(props: { label: string; links: MenuLink[] }) {
  const location = useLocation();
  const id = `admin-menu-${createUniqueId()}`;
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  let menu!: HTMLDivElement;

  const entries = () => Array.from(menu.querySelectorAll<HTMLElement>('[role=menuitem]'));
  const focusEntry = (index: number) => {
    const list = entries();
    if (list.length > 0) list[(index + list.length) % list.length]!.focus();
  };
  const current = () => entries().indexOf(document.activeElement as HTMLElement);
  // The list is drawn when `open` changes; focus it once it shows.
  const openAt = (index: number | 'last') => {
    setOpen(true);
    queueMicrotask(() => focusEntry(index === 'last' ? -1 : index));
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.focus();
  };
  const isCurrentSection = () => props.links.some((link) => location.pathname === link.href || location.pathname.startsWith(`${link.href}/`));

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') openAt(0);
    else if (event.key === 'ArrowUp') openAt('last');
    else if (event.key === 'Escape' && open()) close(true);
    else return;
    event.preventDefault();
  };
  const onMenuKey = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        focusEntry(current() + 1);
        break;
      case 'ArrowUp':
        focusEntry(current() - 1);
        break;
      case 'Home':
        focusEntry(0);
        break;
      case 'End':
        focusEntry(-1);
        break;
      case 'Escape':
        close(true);
        break;
      case ' ':
        // Space chooses, as Enter does on a link.
        (document.activeElement as HTMLElement | null)?.click();
        break;
      case 'Tab':
        // Out of the menu: from the button, Tab goes on to what follows it (the browser moves
        // the focus) and Shift+Tab stays on the button; the menu does not stay open behind.
        close(true);
        if (event.shiftKey) break;
        return;
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        // Type-ahead: the next entry starting with that letter.
        const list = entries();
        const letter = event.key.toLocaleLowerCase();
        const from = current();
        for (let step = 1; step <= list.length; step += 1) {
          const index = (from + step) % list.length;
          if (list[index]!.textContent?.trim().toLocaleLowerCase().startsWith(letter)) {
            focusEntry(index);
            break;
          }
        }
      }
    }
    event.preventDefault();
  };

  // A click anywhere else closes the menu, without taking the focus from where the click put it.
  onMount(() => {
    const outside = (event: PointerEvent) => {
      if (open() && !root.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    onCleanup(() => document.removeEventListener('pointerdown', outside));
  });

  return (
    <div
      ref={root}
      class="nav-menu"
      onFocusOut={(event) => {
        if (open() && !root.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}>
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        class="nav-menu-button"
        classList={{ active: isCurrentSection() }}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => (open() ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}>
        {props.label}
        <span class="nav-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div ref={menu} id={id} role="menu" class="nav-menu-list" aria-labelledby={`${id}-button`} hidden={!open()} onKeyDown={onMenuKey}>
        <For each={props.links}>
          {(link) => (
            <A href={link.href} role="menuitem" tabindex="-1" activeClass="active" onClick={() => setOpen(false)}>
              {link.label}
            </A>
          )}
        </For>
      </div>
    </div>
  );
}
