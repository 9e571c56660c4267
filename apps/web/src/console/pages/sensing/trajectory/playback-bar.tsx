// The playback controls under the track: play/pause, a step either way, the speed, and a slider over
// the track's time with the clock's reading beside it.
import {
  PauseCircleOutlined,
  PlayCircleOutlined,
  StepBackwardOutlined,
  StepForwardOutlined,
} from '@ant-design/icons';
import { Button, Flex, Segmented, Slider, Tooltip, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatShortTime, formatTime } from '../../../../lib/time.ts';
import { type Playback, SPEEDS, type Speed } from './use-playback.ts';

export function PlaybackBar({ playback, count }: { playback: Playback; count: number }) {
  const t = useT();
  const { start, end, clock, current, isPlaying, speed } = playback;
  const isDisabled = count < 2;
  return (
    <Flex align="center" gap={12} wrap data-testid="playback">
      <Flex gap={4}>
        <Tooltip title={t('sensing.playback.previous')}>
          <Button
            icon={<StepBackwardOutlined />}
            disabled={isDisabled || current === 0}
            onClick={() => playback.goTo(current - 1)}
            aria-label={t('sensing.playback.previous')}
          />
        </Tooltip>
        <Button
          type="primary"
          icon={isPlaying ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
          disabled={isDisabled}
          onClick={playback.toggle}
          data-testid="playback-toggle"
        >
          {isPlaying ? t('sensing.playback.pause') : t('sensing.playback.play')}
        </Button>
        <Tooltip title={t('sensing.playback.next')}>
          <Button
            icon={<StepForwardOutlined />}
            disabled={isDisabled || current >= count - 1}
            onClick={() => playback.goTo(current + 1)}
            aria-label={t('sensing.playback.next')}
          />
        </Tooltip>
      </Flex>
      <Segmented<Speed>
        size="small"
        value={speed}
        options={SPEEDS.map((value) => ({ value, label: `${value}×` }))}
        onChange={playback.setSpeed}
        data-testid="playback-speed"
      />
      <Slider
        style={{ flex: 1, minWidth: 200, margin: '0 8px' }}
        min={start}
        max={Math.max(end, start + 1)}
        step={1000}
        value={clock}
        disabled={isDisabled}
        onChange={playback.seek}
        tooltip={{ formatter: (value) => (value === undefined ? '' : formatShortTime(value)) }}
        data-testid="playback-slider"
      />
      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="playback-clock">
        {formatTime(new Date(clock).toISOString())} ·{' '}
        {t('sensing.playback.position', { index: current + 1, count })}
      </Typography.Text>
    </Flex>
  );
}
