// Live lint while editing: each change schedules one check (debounced); an answer that arrives
// after a newer request was sent is ignored, so the panel never shows an older state.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { GuideDraft, GuideTotals, LintMessage } from '../../api/types';
import { schemaMessages } from './components/guide-form/content';
import { lintGuide } from './hooks';

export interface LiveLint {
  messages: LintMessage[];
  totals: GuideTotals | undefined;
  checking: boolean;
  /** The content the messages are about (for field labels). */
  content: GuideDraft;
}

export function useLiveLint(initial: LiveLint, getContent: () => GuideDraft, itemId: string | undefined, delayMs = 500) {
  const [state, setState] = useState<LiveLint>(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);

  const runNow = useCallback(async () => {
    const content = getContent();
    const mine = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    try {
      const r = await lintGuide(content, itemId);
      if (mine === seq.current) setState({ messages: r.messages, totals: r.totals, checking: false, content });
    } catch (e) {
      if (mine !== seq.current) return;
      const messages = e instanceof ApiError && e.invalidParams.length ? schemaMessages(e.invalidParams) : [];
      setState((s) => ({ ...s, messages: messages.length ? messages : s.messages, checking: false, content }));
    }
  }, [getContent, itemId]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void runNow(), delayMs);
  }, [runNow, delayMs]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const setMessages = useCallback((messages: LintMessage[]) => setState((s) => ({ ...s, messages })), []);
  return { ...state, schedule, runNow, setMessages };
}
