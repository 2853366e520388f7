import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/use-lab';
import { REPLAY_SLOWDOWNS, type ReplaySlowdown } from './replayer';
import { useSessionFiles, useSessionState } from './session-context';

/** Plays the session on screen again, slowed down, so a race of milliseconds unfolds one accept at a time. */
export function ReplayBar() {
  const files = useSessionFiles();
  const replay = useSessionState((state) => state.replay);
  const replaying = useSessionState((state) => state.mode === 'replay');
  const runIds = useLab(useShallow((state) => [...state.runs.keys()]));
  const hasEvents = useLab((state) => state.lastSeq > 0);
  const [from, setFrom] = useState('');
  const [slowdown, setSlowdown] = useState<ReplaySlowdown>(100);
  const player = files.replayer();

  const start = (paused: boolean) =>
    files.replay({ runId: from === '' ? undefined : Number(from), slowdown, paused });

  const pickSlowdown = (next: ReplaySlowdown) => {
    setSlowdown(next);
    player?.setSlowdown(next);
  };

  const playing = replaying && replay?.playing === true;
  const ended = replaying && replay !== null && replay.at >= replay.total;
  return (
    <fieldset className="toolbar-group replay-bar">
      <legend className="visually-hidden">Slow-motion replay</legend>
      {!replaying && (
        <select
          data-testid="replay-from"
          aria-label="Replay from"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        >
          <option value="">the whole session</option>
          {runIds.map((runId) => (
            <option key={runId} value={runId}>
              run {runId}
            </option>
          ))}
        </select>
      )}
      <select
        data-testid="replay-speed"
        aria-label="Replay speed"
        value={slowdown}
        onChange={(event) => pickSlowdown(Number(event.target.value) as ReplaySlowdown)}
      >
        {REPLAY_SLOWDOWNS.map((option) => (
          <option key={option} value={option}>
            1/{option.toLocaleString()}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="tool"
        data-testid="replay-play"
        disabled={!hasEvents && !replaying}
        title="Play the events again, slowed down; idle stretches are shortened to a second"
        onClick={() => {
          if (!replaying || ended) start(false);
          else if (playing) player?.pause();
          else player?.play();
        }}
      >
        {playing ? 'Pause' : replaying && !ended ? 'Play' : 'Replay'}
      </button>
      <button
        type="button"
        className="tool"
        data-testid="replay-step"
        disabled={(!hasEvents && !replaying) || ended}
        title="Show the next event alone"
        onClick={() => (replaying ? player?.step() : start(true))}
      >
        Step
      </button>
      {replaying && replay && (
        <span className="muted replay-position" data-testid="replay-position" data-at={replay.at}>
          event {replay.at.toLocaleString()} of {replay.total.toLocaleString()}
        </span>
      )}
    </fieldset>
  );
}
