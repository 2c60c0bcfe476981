import { describe, expect, it } from 'vitest';
import { BOM, csvFileName, csvReport, csvResponse } from '@/lib/csv/csv-file';

describe('CSV files', () => {
  it('are named from their parts in lower-case ASCII, blanks left out', () => {
    expect(csvFileName(['BDC', 'waiting', 'as-of', '2026-12-06', null, 'Bradford Moor (L05)', ''])).toBe('bdc-waiting-as-of-2026-12-06-bradford-moor-l05.csv');
    expect(csvFileName(['Ilkley & Wharfedale', 'Café'])).toBe('ilkley-wharfedale-cafe.csv');
    expect(csvFileName([])).toBe('download.csv');
  });

  it('open with a header comment line naming the council, title, filters and London time, then the notes, then the body', () => {
    const report = {
      council: 'Bradford District',
      title: 'Hours by CQC rating',
      filters: ['as of 6 Dec 2026', 'all localities'],
      // 1 July: London is an hour ahead of UTC.
      madeAt: new Date('2026-07-01T23:30:00Z'),
      notes: ['Hours are carer-hours:\nan hour with two carers counts as two.'],
    };
    expect(csvReport(report, 'A,B\r\n1,2\r\n').split('\r\n')).toEqual([
      '# Bradford District — Hours by CQC rating — as of 6 Dec 2026; all localities — made 2 Jul 2026 00:30 (London time)',
      '# Hours are carer-hours: an hour with two carers counts as two.',
      'A,B',
      '1,2',
      '',
    ]);
  });

  it('are sent as UTF-8 with a byte-order mark, as an attachment with a safe name', async () => {
    const response = csvResponse('a "b".csv', 'Rate (£)\r\n');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a__b_.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`${BOM}Rate (£)\r\n`);
  });
});
