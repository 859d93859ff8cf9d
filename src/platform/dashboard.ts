/**
 * Grafana dashboards as code: the panel helpers every dashboard shares, and the construct that
 * renders one as a grafana-operator v5 GrafanaDashboard. The data source is always the `datasource`
 * variable, never a literal, so a dashboard works on any Grafana.
 */
import type { IGrafanaDashboard } from '@kubernetes-models/grafana-operator/grafana.integreatly.org/v1beta1/GrafanaDashboard';
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  type Dashboard as DashboardModel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { LegendDisplayMode, LegendPlacement, VizLegendOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { DASHBOARD_COMPONENT, objectLabels } from './metadata.js';

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

export interface Query {
  readonly expr: string;
  readonly legend?: string;
}

type Panel = TimeSeriesPanel | StatPanel;

/** A time series panel of one or more queries. */
export function timeseries(
  title: string,
  queries: readonly Query[],
  options: { unit?: string; description?: string; stacked?: boolean } = {},
): TimeSeriesPanel {
  const panel = new TimeSeriesPanel()
    .title(title)
    .datasource(DATASOURCE)
    .unit(options.unit ?? 'short')
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom));
  if (options.description !== undefined) panel.description(options.description);
  for (const query of queries) panel.withTarget(target(query));
  return panel;
}

/** A single-value panel. */
export function stat(title: string, query: Query, options: { unit?: string; description?: string } = {}): StatPanel {
  const panel = new StatPanel()
    .title(title)
    .datasource(DATASOURCE)
    .unit(options.unit ?? 'short')
    .withTarget(target(query));
  if (options.description !== undefined) panel.description(options.description);
  return panel;
}

function target(query: Query): DataqueryBuilder {
  const builder = new DataqueryBuilder().expr(query.expr);
  return query.legend === undefined ? builder : builder.legendFormat(query.legend);
}

/** A variable whose values come from a label of a metric (`label_values(metric, label)`). */
export function labelVariable(name: string, label: string, query: string, options: { multi?: boolean } = {}): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(DATASOURCE)
    .query(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .multi(options.multi ?? false)
    .includeAll(options.multi ?? false);
}

export interface DashboardSpec {
  /** Fixed and unique: links and bookmarks keep working. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly variables?: readonly QueryVariableBuilder[];
  /** Sections: a row title and its panels, laid out two to a line. */
  readonly sections: readonly { readonly title: string; readonly panels: readonly Panel[] }[];
}

/** The dashboard model: the data source variable first, then rows of half-width panels. */
export type { DashboardModel };

export function buildDashboard(spec: DashboardSpec): DashboardModel {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    // Empty here: GrafanaDashboard tags it with the environment's platform, and this keeps the key's place in the JSON.
    .tags([])
    .refresh('1m')
    .time({ from: 'now-24h', to: 'now' })
    .timezone('utc')
    .editable()
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  for (const variable of spec.variables ?? []) builder.withVariable(variable);
  let y = 0;
  for (const section of spec.sections) {
    builder.withRow(new RowBuilder(section.title).gridPos({ x: 0, y, w: 24, h: 1 }));
    y += 1;
    section.panels.forEach((panel, index) => {
      panel.gridPos({ x: (index % 2) * 12, y: y + Math.floor(index / 2) * 8, w: 12, h: 8 });
      builder.withPanel(panel);
    });
    y += Math.ceil(section.panels.length / 2) * 8;
  }
  const model = builder.build();
  // Panel ids in order, so that the JSON is the same on every render.
  for (const [index, panel] of (model.panels ?? []).entries()) (panel as { id?: number }).id = index + 1;
  return model;
}

/** A Grafana whose dashboards sidecar loads labelled ConfigMaps (kiwigrid/k8s-sidecar, as Grafana's Helm chart runs it). */
export interface DashboardSidecar {
  /** The label (and value) the sidecar selects ConfigMaps by. */
  readonly labels: Readonly<Record<string, string>>;
  /** The annotation that names a dashboard's folder. */
  readonly folderAnnotation: string;
}

export interface GrafanaDashboardProps {
  readonly env: PlatformEnvironment;
  readonly namespace: string;
  /** The component it watches (`app.kubernetes.io/name`). */
  readonly component: string;
  readonly dashboard: DashboardModel;
  /**
   * Load it through a Grafana's dashboards sidecar: a ConfigMap `<uid>-dashboard` with the JSON under
   * `<uid>.json`.
   * @default a grafana-operator GrafanaDashboard for the environment's `monitoring.grafana` instances
   */
  readonly sidecar?: DashboardSidecar;
}

/**
 * A dashboard for the environment's Grafana: a grafana-operator v5 GrafanaDashboard holding the JSON
 * inline, or a ConfigMap for a Grafana's dashboards sidecar.
 */
export class GrafanaDashboard extends Construct {
  readonly uid: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    this.uid = props.dashboard.uid ?? '';
    // Tagged with the platform it belongs to (thoth, ryax), replaced in place so the JSON keeps its key order.
    const dashboard: DashboardModel = { ...props.dashboard, tags: [...new Set([props.env.platform, ...(props.dashboard.tags ?? [])])] };
    const json = `${JSON.stringify(dashboard, null, 2)}\n`;
    const labels = objectLabels(props.component, DASHBOARD_COMPONENT);
    if (props.sidecar !== undefined) {
      new ApiObject(this, 'Resource', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: `${this.uid}-dashboard`,
          namespace: props.namespace,
          labels: { ...labels, ...props.sidecar.labels },
          annotations: { [props.sidecar.folderAnnotation]: props.env.monitoring.grafana.folder },
        },
        data: { [`${this.uid}.json`]: json },
      });
      return;
    }
    const resource: IGrafanaDashboard = {
      apiVersion: 'grafana.integreatly.org/v1beta1',
      kind: 'GrafanaDashboard',
      metadata: { name: this.uid, namespace: props.namespace, labels },
      spec: {
        instanceSelector: { matchLabels: { ...props.env.monitoring.grafana.instanceLabels } },
        // The Grafana instance may live in another namespace (the monitoring stack's).
        allowCrossNamespaceImport: true,
        folder: props.env.monitoring.grafana.folder,
        resyncPeriod: '10m',
        json,
      },
    };
    new ApiObject(this, 'Resource', resource);
  }
}
