// The app's shared stores as React state.
import { useSyncExternalStore } from 'react';
import type { OutboxSnapshot } from './offline/outbox.ts';
import { outbox } from './offline/senders.ts';
import { type PatrolSnapshot, patrol } from './patrol.ts';
import { type TasksSnapshot, tasks } from './tasks-store.ts';

export const useOutbox = (): OutboxSnapshot => useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);

export const useTasks = (): TasksSnapshot => useSyncExternalStore(tasks.subscribe, tasks.getSnapshot);

export const usePatrol = (): PatrolSnapshot => useSyncExternalStore(patrol.subscribe, patrol.getSnapshot);
