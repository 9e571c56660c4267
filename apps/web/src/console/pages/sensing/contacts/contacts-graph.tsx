// The contacts as a small graph: the index subject in the centre, its contacts on a ring around it, an
// edge's width by the encounters; a click on a contact with a dossier opens it. ECharts is taken in
// parts (graph series, tooltip, legend, canvas) so the page carries only what it draws.
import type { TContacts } from '@civgrid/contracts';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { Translate } from '../../../../i18n/lang.ts';
import { dossierRoute } from '../shared/dossier-link.tsx';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

type Contact = TContacts['contacts'][number];

/** More would crowd the ring; the table lists them all. */
export const GRAPH_LIMIT = 40;
const CONTACT_TYPES = ['person', 'vehicle', 'device'] as const;
/** Radius of the ring of contacts, in the graph's own units (the view scales them to the box). */
const RING = 200;
const COLOURS = ['#cf1322', '#1458c8', '#722ed1', '#d46b08'];

interface Props {
  subject: string;
  contacts: Contact[];
  height: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function optionOf(
  subject: string,
  contacts: Contact[],
  height: number,
  t: Translate,
): echarts.EChartsCoreOption {
  const shown = [...contacts].sort((a, b) => b.encounters - a.encounters).slice(0, GRAPH_LIMIT);
  const most = Math.max(1, ...shown.map((c) => c.encounters));
  const nodes = [
    {
      id: 'subject',
      name: subject,
      x: 0,
      y: 0,
      symbolSize: 44,
      category: 0,
      label: { show: true, fontWeight: 'bold' },
      tip: t('sensing.contacts.graphSubject', { key: subject }),
    },
    // Two invisible corners hold the view to the whole ring: without them a ring of one or two
    // contacts is a line, and the view would stretch it across the box.
    ...[-1, 1].map((side) => ({
      id: `corner${side}`,
      name: '',
      x: side * RING * 1.2,
      y: side * RING * 1.2,
      symbolSize: 0,
      label: { show: false },
      tooltip: { show: false },
      emphasis: { disabled: true },
    })),
    ...shown.map((contact, index) => {
      const angle = Math.PI + (2 * Math.PI * index) / shown.length;
      const share = contact.encounters / most;
      return {
        id: `c${index}`,
        name: contact.key,
        x: Math.cos(angle) * RING,
        y: Math.sin(angle) * RING,
        symbolSize: 14 + 16 * Math.sqrt(share),
        category: 1 + CONTACT_TYPES.indexOf(contact.type),
        dossier: contact.dossier,
        tip: t('sensing.contacts.graphContact', { key: contact.key, encounters: contact.encounters }),
        label: { show: shown.length <= 16 },
      };
    }),
  ];
  const links = shown.map((contact, index) => ({
    source: 'subject',
    target: `c${index}`,
    value: contact.encounters,
    lineStyle: { width: 1 + 7 * (contact.encounters / most) },
  }));
  return {
    color: COLOURS,
    tooltip: {
      formatter: (params: { dataType?: string; data?: { tip?: string }; value?: number }) =>
        params.dataType === 'edge'
          ? escapeHtml(t('sensing.contacts.graphEdge', { encounters: params.value ?? 0 }))
          : escapeHtml(params.data?.tip ?? ''),
    },
    legend: { bottom: 0, data: CONTACT_TYPES.map((c) => t(`sensing.subjectType.${c}`)) },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        // A square box: the view scales x and y apart, and a ring drawn in a wide box is an ellipse.
        top: 16,
        left: 'center',
        width: height - 72,
        height: height - 72,
        label: { position: 'bottom', fontSize: 11 },
        lineStyle: { color: '#8c8c8c', opacity: 0.7, curveness: 0 },
        emphasis: { focus: 'adjacency' },
        categories: [
          { name: t('sensing.contacts.indexSubject') },
          ...CONTACT_TYPES.map((c) => ({ name: t(`sensing.subjectType.${c}`) })),
        ],
        data: nodes,
        links,
      },
    ],
  };
}

export function ContactsGraph({ subject, contacts, height }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(optionOf(subject, contacts, height, t), { notMerge: true });
    instance.off('click');
    instance.on('click', (params) => {
      const dossier = (params.data as { dossier?: Contact['dossier'] } | undefined)?.dossier;
      if (params.dataType === 'node' && dossier) navigate(dossierRoute(dossier));
    });
    if (container.current) {
      container.current.dataset.nodes = String(Math.min(contacts.length, GRAPH_LIMIT) + 1);
    }
  }, [subject, contacts, height, t, navigate]);

  return <div ref={container} style={{ height, width: '100%' }} data-testid="contacts-graph" />;
}
