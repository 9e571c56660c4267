import { Flex, Spin } from 'antd';

/** Shown while the session check or a lazily loaded page is on its way. */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240, height: '100%' }}>
      <Spin size="large" />
    </Flex>
  );
}
