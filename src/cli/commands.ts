/**
 * Every command of `tttb`, in the order of its help. The commands stay in the CLI layer (commander,
 * one JSON object printed, exit codes) and reach capabilities through their index.ts; a new one is
 * a `*.command.ts` here and one line in this list.
 */
import type { Command } from 'commander';
import { checkCommand } from './check.command.ts';
import { demoCommand } from './demo.command.ts';
import { importCommand } from './import.command.ts';
import { kpiCommand } from './kpi.command.ts';
import { lookupCommand } from './lookup.command.ts';
import { reconcileCommand } from './reconcile.command.ts';
import { roadmapCommand } from './roadmap.command.ts';
import { serveCommand } from './serve.command.ts';
import { smsCommand } from './sms.command.ts';
import { tokenCommand } from './token.command.ts';
import { userCommand } from './user.command.ts';

export const COMMANDS: readonly (() => Command)[] = [serveCommand, demoCommand, checkCommand, importCommand, roadmapCommand, lookupCommand, reconcileCommand, kpiCommand, smsCommand, userCommand, tokenCommand];
