import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOG, fakeGateway, renderInPanel } from '../test-fixtures.js';
import { App } from './App.js';

describe('App', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders one card per catalog entry, with its docs link, code paths and buttons', async () => {
    const { fetchImpl } = fakeGateway();
    vi.stubGlobal('fetch', fetchImpl);
    renderInPanel(<App />);
    for (const scenario of CATALOG) {
      const card = (await screen.findByRole('heading', { name: scenario.title })).closest('section')!;
      const inCard = within(card);
      expect(inCard.getByText(scenario.teaches)).toBeInTheDocument();
      expect(inCard.getByRole('link', { name: `docs for ${scenario.name}` })).toHaveAttribute('href', `/${scenario.docs}`);
      for (const file of scenario.code) expect(inCard.getByText(file)).toBeInTheDocument();
      for (const name of ['Run slow', 'Run fixed', 'Compare', 'Burst ×5']) expect(inCard.getByRole('button', { name })).toBeEnabled();
      expect(inCard.getByLabelText('Runs per mode')).toHaveValue(5);
    }
  });

  it('shows the stack status: health, the MongoDB stand-in warning, the trace destination and the sample rate', async () => {
    const { fetchImpl } = fakeGateway();
    vi.stubGlobal('fetch', fetchImpl);
    renderInPanel(<App />);
    expect(await screen.findByTestId('stack-health')).toHaveTextContent('ready');
    expect(await screen.findByTestId('mongo-server')).toHaveTextContent(
      'MongoDB wire-protocol stand-in (mongo-java-server): indexes are accepted but never used',
    );
    expect(screen.getByTestId('trace-destination')).toHaveTextContent('Spotlight');
    expect(screen.getByTestId('sample-rate')).toHaveTextContent('10 % of background requests; every panel click is traced');
  });

  it('says why the catalog could not be loaded and offers to try again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    renderInPanel(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The scenario catalog could not be loaded: Failed to fetch');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await screen.findByTestId('stack-health')).toHaveTextContent(
      'the gateway at http://gateway.test did not answer (Failed to fetch)',
    );
  });
});
