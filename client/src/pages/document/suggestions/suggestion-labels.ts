import type { Suggestion } from '../../../api/suggestions.ts';
import { formatNumber, t, type MessageKey } from '../../../i18n/index.ts';

/** Suggestions in words, for the list beside the text and the labels in it. Pure but for the current language. */

/** A quote short enough for a sentence. */
const shorten = (text: string) => (text.length > 90 ? `${text.slice(0, 87)}…` : text);

/** What a structural suggestion does, in words: "Supprimer le paragraphe « … »". */
function describeBlock(suggestion: Suggestion, quote: string, text: string): string {
  const block = suggestion.block ?? {};
  switch (suggestion.kind) {
    case 'insert_block':
      return t(block.type === 'list_item' ? 'suggestions.newItem' : block.type === 'heading' ? 'suggestions.newHeading' : 'suggestions.newParagraph', { text });
    case 'split':
      return t('suggestions.split', { text: quote });
    case 'join':
      return t('suggestions.join', { text: quote });
    case 'delete_block':
      return t('suggestions.deleteBlock', { text: quote });
    default: {
      const key =
        block.type === 'heading'
          ? 'suggestions.toHeading'
          : block.type === 'bullet_item'
            ? 'suggestions.toBullet'
            : block.type === 'ordered_item'
              ? 'suggestions.toOrdered'
              : 'suggestions.toParagraph';
      return t(key, { text: quote, level: formatNumber(block.level ?? 2) });
    }
  }
}

/** The short label drawn beside a block that a structural suggestion changes. */
export function blockLabel(suggestion: Suggestion): string {
  const block = suggestion.block ?? {};
  switch (suggestion.kind) {
    case 'insert_block':
      return t('suggestions.label.newBlock');
    case 'split':
      return t('suggestions.label.split');
    case 'join':
      return t('suggestions.label.join');
    case 'delete_block':
      return t('suggestions.label.delete');
    case 'set_block':
      if (block.type === 'heading') return t('suggestions.label.heading', { level: formatNumber(block.level ?? 2) });
      return t(block.type === 'bullet_item' ? 'suggestions.label.bullet' : block.type === 'ordered_item' ? 'suggestions.label.ordered' : 'suggestions.label.paragraph');
    default:
      return '';
  }
}

/** What a suggestion does, in words: "Replace « a » with « b »". */
export function describeSuggestion(suggestion: Suggestion): string {
  // Spaces at the ends matter to the text, not to the sentence that names it.
  const quote = shorten(suggestion.quote.trim() || suggestion.quote);
  const text = shorten(suggestion.text.trim() || suggestion.text);
  if (suggestion.kind && suggestion.kind !== 'text') return describeBlock(suggestion, quote, text);
  if (suggestion.mark) return t(`suggestions.${suggestion.mark.name}.${suggestion.mark.on ? 'on' : 'off'}` as MessageKey, { text: quote });
  if (suggestion.quote && suggestion.text) return t('suggestions.replace', { from: quote, to: text });
  if (suggestion.quote) return t('suggestions.delete', { text: quote });
  return t('suggestions.insert', { text });
}
