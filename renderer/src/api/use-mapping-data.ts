import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from './client.js';
import { useCall } from './use-call.js';

/**
 * The mappings and the audience's groups and fields, loaded together for the two mapping grids.
 * With `autoMatch` (the wizard), groups and fields not decided yet are first matched by name once.
 */
export function useMappingData(autoMatch = false) {
  const [matched, setMatched] = useState(!autoMatch);
  const started = useRef(false);
  useEffect(() => {
    if (!autoMatch || started.current) return;
    started.current = true;
    // A failure here (e.g. Mailchimp not reachable) shows up in the loads below; nothing to add.
    void call('mapping:auto', {}).finally(() => setMatched(true));
  }, [autoMatch]);

  const mapping = useCall('mapping:get', {}, '', matched);
  const audience = useCall('mailchimp:audience', {}, '', matched);
  const { reload: reloadMapping } = mapping;
  const { reload: reloadAudience } = audience;
  const reload = useCallback(async () => {
    await Promise.all([reloadMapping(), reloadAudience()]);
  }, [reloadMapping, reloadAudience]);
  return {
    mapping: mapping.data,
    audience: audience.data,
    loading: !matched || (mapping.loading && !mapping.data) || (audience.loading && !audience.data),
    error: mapping.error ?? audience.error,
    reloadMapping,
    reload,
  };
}
