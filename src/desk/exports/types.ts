import type { Audience, ParseContext, ParseResult } from '../../bot/command.js';
import type { Sender } from '../../bot/sender.js';
import type { DeskQuery } from '../scope.js';

/**
 * A spreadsheet's query, and who will read it: personal details a sheet may carry (a complaint's reporter) are
 * written out in full only for those the privacy rules allow. Null from the command line: then for nobody.
 */
export interface ExportQuery extends DeskQuery {
  viewer: Sender | null;
}

/** A finished spreadsheet, and a line of its figures (sent before it in chat, printed by the script). */
export interface ExportFile {
  filename: string;
  data: Buffer;
  summary: string;
}

/**
 * A spreadsheet people can ask for (「导出 党费台账 2026」), also from the command line (`npm run export --
 * 党费台账 2026`). Each is one module listed in EXPORTS; the chat command and the script are made from it.
 */
export interface ExportSpec<A = unknown> {
  /** Stable: the command id is export.<id>. */
  id: string;
  /** Words after 导出 that ask for it; the first is shown in 帮助 and accepted by the script. */
  names: readonly string[];
  summary: string;
  /** Full command, e.g. 「导出 党费台账 2026」: checked at start-up like every example. */
  example: string;
  /** Who may export it in chat; officers when not given. */
  audience?: Audience;
  /** Pure: the text after the name (a year, a month, a quarter …) → what to export. */
  parse(rest: string, ctx: ParseContext): ParseResult<A>;
  build(query: ExportQuery, args: A): Promise<ExportFile>;
}
