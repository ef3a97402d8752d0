import { createContext, useContext } from 'react';
import type { PanelConfig } from './config.js';
import type { SpotlightStream } from '@trace-arcade/trace-detectors';

/** What every component may need: the run-time configuration and the Spotlight event stream. */
export interface PanelServices {
  config: PanelConfig;
  spotlight: SpotlightStream;
}

export const PanelContext = createContext<PanelServices | null>(null);

export function usePanel(): PanelServices {
  const services = useContext(PanelContext);
  if (!services) throw new Error('usePanel: expected a PanelContext provider above this component; got none');
  return services;
}
