import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { render } from '../../server/commands/exports.ts';
import { decodeImageSource, fitImage } from '../../server/export/image.ts';
import { buildExportModel } from '../../server/export/model.ts';
import { MAX_IMAGE_BYTES, parseImageSource } from '../../shared/image-source.ts';
import { appendRichText, readRichText, type RichBlock } from '../../shared/rich-text.ts';
import { logoPng } from '../helpers/png.ts';

const png = logoPng(40);
const pngSource = `data:image/png;base64,${png.toString('base64')}`;
/** A 1×1 GIF. */
const gifSource = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

const bodyOf = (blocks: RichBlock[]) => {
  const doc = new Y.Doc();
  appendRichText(doc.getXmlFragment('body'), blocks);
  return doc.getXmlFragment('body');
};

describe('images in a document body', () => {
  it('keeps data: PNG, JPEG, GIF and WebP sources within the bound, and nothing else', () => {
    expect(parseImageSource(pngSource)).toMatchObject({ type: 'image/png' });
    for (const unsafe of [
      'https://tracker.example/pixel.png',
      'javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zy8+',
      `data:image/png;base64,${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 100)}`,
      'data:image/png,"><script>',
      'data:text/html;base64,PGgxPg==',
    ]) {
      expect(parseImageSource(unsafe), unsafe).toBeNull();
    }
  });

  it('reads back image nodes a client wrote, dropping those with an unsafe source', () => {
    const fragment = bodyOf([{ type: 'image', src: pngSource, alt: 'Logo', width: 40, height: null }]);
    const hostile = new Y.XmlElement('image');
    hostile.setAttribute('src', 'javascript:alert(1)');
    fragment.insert(fragment.length, [hostile]);
    expect(readRichText(fragment)).toEqual([{ type: 'image', src: pngSource, alt: 'Logo', width: 40, height: null }]);
  });

  it('checks the bytes against the declared type, and fits the size into a box keeping the proportions', () => {
    expect(decodeImageSource(pngSource)).toMatchObject({ type: 'png', width: 40, height: 40 });
    expect(decodeImageSource(gifSource)).toMatchObject({ type: 'gif', width: 1, height: 1 });
    expect(decodeImageSource(`data:image/jpeg;base64,${png.toString('base64')}`)).toBeNull();
    expect(fitImage({ width: 2000, height: 1000 }, { width: null, height: null }, { width: 600, height: 800 })).toEqual({ width: 600, height: 300 });
    expect(fitImage({ width: 40, height: 20 }, { width: 80, height: null }, { width: 600, height: 800 })).toEqual({ width: 80, height: 40 });
  });

  it('carries the images into every export format', async () => {
    const model = buildExportModel({
      locale: 'fr',
      title: 'Note illustrée',
      kind: 'note',
      status: 'draft',
      version: null,
      date: '2026-12-05',
      leadOrganisationId: '',
      partnerOrganisationIds: [],
      organisations: new Map(),
      ministry: { nameFr: 'Ministère', nameAr: 'الوزارة' },
      logo: null,
      blocks: [
        { type: 'paragraph', dir: 'auto', content: [{ text: 'Avant' }] },
        { type: 'image', src: pngSource, alt: 'Carte des consulats', width: null, height: null },
        { type: 'image', src: gifSource, alt: 'Pictogramme', width: 16, height: 16 },
      ],
      measures: [],
    });
    const docx = await JSZip.loadAsync(await render(model, 'docx'));
    const media = Object.keys(docx.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    expect(Buffer.from(await docx.file(media.find((name) => name.endsWith('.png'))!)!.async('uint8array')).equals(png)).toBe(true);
    expect(await docx.file('word/document.xml')!.async('string')).toContain('descr="Carte des consulats"');

    const pdf = (await render(model, 'pdf')).toString('latin1');
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(1); // PNG drawn; pdfkit has no GIF, so its description is written instead

    const odt = await JSZip.loadAsync(await render(model, 'odt'));
    expect(Buffer.from(await odt.file('Pictures/image-1.png')!.async('uint8array')).equals(png)).toBe(true);
    expect(odt.file('Pictures/image-2.gif')).not.toBeNull();
    const manifest = await odt.file('META-INF/manifest.xml')!.async('string');
    expect(manifest).toContain('manifest:full-path="Pictures/image-1.png" manifest:media-type="image/png"');
    expect(manifest).toContain('manifest:full-path="Pictures/image-2.gif" manifest:media-type="image/gif"');
    expect(await odt.file('content.xml')!.async('string')).toContain('xlink:href="Pictures/image-1.png"');

    const html = (await render(model, 'html')).toString('utf8');
    expect(html).toContain(`<img src="${pngSource}" alt="Carte des consulats" width="40" height="40">`);
    expect(html).toContain(`<img src="${gifSource}" alt="Pictogramme" width="16" height="16">`);
  });
});
