// The bench's leading table: the commands a user runs, from process start to
// exit, search included, Gazette's beside the peers', with ratios.
import { COMMANDS, type Round } from './commands.ts';
import { median } from './measure.ts';
import { PEERS, type PeerName } from './peers/peer-builds.ts';
import type { CommandRun, ProcessPeak } from './processes.ts';

/** What the table says about the run it comes from. */
export interface UserTableContext {
  /** The corpus, in a sentence. */
  readonly corpus: string;
  /** `2 cores, AMD EPYC…, 24 GB; Node v20.20.2`. */
  readonly machine: string;
  /** `2026-12-02`. */
  readonly date: string;
  /** Hugo's version line, or null when Hugo is not installed (its rows are skipped). */
  readonly hugo: string | null;
}

/** `Gazette ÷ peer` as `1.57×`; a dash when either side has no time. */
export function formatRatio(gazetteMs: number | null, peerMs: number | null): string {
  if (gazetteMs === null || peerMs === null || !(peerMs > 0) || !Number.isFinite(gazetteMs)) {
    return '—';
  }
  const ratio = gazetteMs / peerMs;
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

/** The median time of the runs that succeeded, or null when none did. */
function medianMs(runs: readonly CommandRun[]): number | null {
  const ok = runs.filter((r) => r.ok).map((r) => r.ms);
  return ok.length === 0 ? null : median(ok);
}

/** Per process name, the median over the runs of its peak RSS: `node 796 MB, pagefind 412 MB`. */
export function describeMedianPeaks(runs: readonly CommandRun[]): string {
  const byName = new Map<string, number[]>();
  for (const run of runs) {
    for (const peak of run.peaks)
      byName.set(peak.name, [...(byName.get(peak.name) ?? []), peak.mb]);
  }
  const peaks: ProcessPeak[] = [...byName]
    .map(([name, mbs]) => ({ name, mb: median(mbs) }))
    .sort((a, b) => b.mb - a.mb);
  return peaks.length === 0 ? '—' : peaks.map((p) => `${p.name} ${Math.round(p.mb)} MB`).join(', ');
}

/** The Markdown table, ready to paste into docs/performance.md, with what it was measured on. */
export function formatUserTable(rounds: readonly Round[], context: UserTableContext): string {
  const peerRuns = (name: PeerName) =>
    rounds.flatMap((r) => r.peers.filter((p) => p.name === name).map((p) => p.run));
  // A column for each peer that ran: none with --skip-peers, none for Hugo without it.
  const peers = PEERS.filter((p) => peerRuns(p.name).length > 0);
  const peerMs = new Map(peers.map((p) => [p.name, medianMs(peerRuns(p.name))]));
  const header = [
    'command',
    'time',
    'CPU',
    'peak RSS by process',
    ...peers.map((p) => `÷ ${p.label}`),
  ];
  const rows: string[][] = [];
  for (const { name, label } of COMMANDS) {
    const runs = rounds.flatMap((r) => r.gazette.filter((t) => t.name === name).map((t) => t.run));
    if (runs.length === 0) continue;
    const ms = medianMs(runs);
    rows.push([
      `Gazette \`npm run build\`, ${label}`,
      time(ms, runs),
      cpu(runs),
      describeMedianPeaks(runs),
      ...peers.map((p) => formatRatio(ms, peerMs.get(p.name) ?? null)),
    ]);
  }
  for (const peer of peers) {
    const runs = peerRuns(peer.name);
    if (runs.length === 0) continue;
    const ms = peerMs.get(peer.name) ?? null;
    const failed = runs.find((r) => !r.ok)?.failure;
    rows.push([
      failed === undefined
        ? peer.label
        : `${peer.label} (failed: ${failed.replaceAll('|', '\\|')})`,
      time(ms, runs),
      cpu(runs),
      describeMedianPeaks(runs),
      ...peers.map(() => ''),
    ]);
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const roundCount = rounds.length;
  return [
    context.corpus,
    `Measured on ${context.date}: ${context.machine}.`,
    `From process start to exit, search index included; medians of ${roundCount} round(s), each running every command once, interleaved. CPU is user plus system time of all the command's processes. Ratios are of the times: Gazette ÷ the peer's full build.`,
    context.hugo === null
      ? 'Hugo is not installed: its rows are skipped.'
      : `Hugo: ${context.hugo}.`,
    '',
    line(header),
    line(header.map((_, i) => (i === 0 || i === 3 ? '---' : '---:'))),
    ...rows.map(line),
    '',
  ].join('\n');
}

function time(ms: number | null, runs: readonly CommandRun[]): string {
  if (ms === null) return 'failed';
  const ok = runs.filter((r) => r.ok).map((r) => r.ms);
  const range = ok.length > 1 ? ` (${seconds(Math.min(...ok))}–${seconds(Math.max(...ok))})` : '';
  return `${seconds(ms)}${range}`;
}

/** The median CPU time of the runs that succeeded. */
function cpu(runs: readonly CommandRun[]): string {
  const times = runs.flatMap((r) => (r.ok && r.cpuMs !== null ? [r.cpuMs] : []));
  return times.length === 0 ? '—' : seconds(median(times));
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
