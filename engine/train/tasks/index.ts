/**
 * The registry of training tasks, by name.
 */
import { reverseTask } from './reverse.ts';
import { sortTask } from './sort.ts';
import type { Task } from './task.ts';

export type { Example, Split, Task } from './task.ts';
export { makeExample, promptsOf, samplePrompt } from './task.ts';

export const TASKS = {
  sort: sortTask,
  reverse: reverseTask,
} as const satisfies Record<string, Task>;

export type TaskName = keyof typeof TASKS;

/** Whether a string names a registered task. */
export const isTaskName = (name: string): name is TaskName => Object.hasOwn(TASKS, name);
