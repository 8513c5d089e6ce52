/**
 * The one decoding step for text Slack sends us (slash command text, message text): Slack writes
 * `&`, `<` and `>` typed by people as `&amp;`, `&lt;` and `&gt;`, and its own markup in real angle
 * brackets (`<https://…|label>`, `<@U123|karim>`, `<#C123|plans>`, `<!here>`). Markup becomes what
 * the person saw, then the entities become the characters typed. Pure.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^\w+$/, 'group')}`;
      // A link: the address, which is what `status <link>` needs (a label is only what was shown).
      return target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
