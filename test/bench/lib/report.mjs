import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.mjs';

/**
 * The run's figures: sections of rows (figure, value, baseline, ratio, target, met?) plus notes.
 * Printed as text to stdout and as Markdown to test/bench/results/latest.md.
 */
export class Report {
  sections = [];
  header = [];

  line(text) {
    this.header.push(text);
  }

  section(title) {
    const section = { title, rows: [], notes: [] };
    this.sections.push(section);
    console.log(`\n${title}`);
    return {
      row: (row) => {
        section.rows.push(row);
        printRow(row);
      },
      note: (text) => {
        section.notes.push(text);
        console.log(`    ${text}`);
      },
      title,
    };
  }

  toMarkdown() {
    const out = ['# ResolutionFlow benchmark', '', ...this.header.map((l) => `- ${l}`), ''];
    for (const section of this.ordered()) {
      out.push(`## ${section.title}`, '');
      if (section.rows.length) {
        out.push('| Figure | Value | Baseline (same run) | Ratio | Target | Met |', '|---|---|---|---|---|---|');
        for (const r of section.rows) {
          out.push(`| ${r.figure} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${verdict(r)} |`);
        }
        out.push('');
      }
      for (const note of section.notes) out.push(`- ${note}`);
      if (section.notes.length) out.push('');
    }
    return out.join('\n');
  }

  /** In the issue's order (1, 2, 2a, 3 …), whatever order the phases ran in. */
  ordered() {
    const label = (title) => title.slice(0, title.indexOf('.'));
    return [...this.sections].sort((a, b) => label(a.title).localeCompare(label(b.title), 'en', { numeric: true }));
  }

  summaryLines() {
    const lines = [];
    for (const section of this.ordered()) {
      for (const r of section.rows.filter((row) => row.target)) {
        lines.push(`${verdict(r).padEnd(6)} ${section.title} — ${r.figure}: ${r.value}${r.ratio ? ` (${r.ratio} of baseline)` : ''}, target ${r.target}`);
      }
    }
    return lines;
  }

  write(file = join(RESULTS_DIR, 'latest.md')) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(file, `${this.toMarkdown()}\n`);
    return file;
  }
}

function verdict(row) {
  if (row.met === undefined) return '';
  return row.met ? 'yes' : 'NO';
}

function printRow(row) {
  const parts = [`  ${row.figure}: ${row.value}`];
  if (row.baseline) parts.push(`baseline ${row.baseline}`);
  if (row.ratio) parts.push(`ratio ${row.ratio}`);
  if (row.target) parts.push(`target ${row.target} → ${verdict(row)}`);
  console.log(parts.join('   '));
}
