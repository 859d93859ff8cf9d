/**
 * Prometheus alerts as code, next to the component they watch. Every alert has a `severity` label,
 * `for`, and `summary`, `description` and `runbook_url` annotations; its threshold, `for` and
 * severity are the environment's when it overrides them. Each alert also carries the series that make
 * it fire, from which its promtool unit test is generated (src/validate/promtool.ts); an alert that
 * compares with a threshold derives them from the threshold in force, so any override is tested.
 */
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { objectLabels } from './metadata.js';

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertTest {
  /** Input series (promtool notation), constant from the first minute, that make the alert fire. */
  readonly series: readonly { readonly series: string; readonly values: string }[];
  /** The labels the firing alert carries besides alertname and severity. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Minutes after the first sample at which the expression first holds: 1 for rate, increase and
   * deriv, which need two samples.
   * @default 0
   */
  readonly activeFromMinute?: number;
}

export interface AlertDefinition {
  readonly alert: string;
  readonly severity: Severity;
  /** How long the condition must hold before the alert fires, such as "15m". */
  readonly for: string;
  /** The expression, given the (possibly overridden) threshold. */
  readonly expr: (threshold: number) => string;
  /** The default threshold, when the expression compares with one. */
  readonly threshold?: number;
  readonly summary: string;
  readonly description: string;
  /** The test, or for an alert with a threshold, the test given the threshold in force. */
  readonly test: AlertTest | ((threshold: number) => AlertTest);
}

/** An alert as rendered, with everything its unit test needs. */
export interface ResolvedAlert {
  readonly alert: string;
  readonly expr: string;
  /** The threshold in force (the environment's override, else the default), for alerts that compare with one. */
  readonly threshold?: number;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly test: AlertTest;
}

export interface AlertRulesProps {
  readonly env: PlatformEnvironment;
  /** The component whose alerts these are; names the PrometheusRule and its group. */
  readonly component: string;
  readonly namespace: string;
  readonly alerts: readonly AlertDefinition[];
}

/** Every alert rendered in this construct tree, by name, to check the environment's overrides and generate tests. */
export class AlertRules extends Construct {
  readonly alerts: readonly ResolvedAlert[];

  constructor(scope: Construct, id: string, props: AlertRulesProps) {
    super(scope, id);
    const overrides = props.env.monitoring.alerts ?? {};
    this.alerts = props.alerts.map((definition) => {
      const override = overrides[definition.alert] ?? {};
      const threshold = override.threshold ?? definition.threshold ?? 0;
      return {
        alert: definition.alert,
        expr: definition.expr(threshold),
        ...(definition.threshold === undefined ? {} : { threshold }),
        for: override.for ?? definition.for,
        labels: { severity: override.severity ?? definition.severity },
        annotations: {
          summary: definition.summary,
          description: definition.description,
          runbook_url: `${props.env.monitoring.runbookUrl}#${definition.alert.toLowerCase()}`,
        },
        test: typeof definition.test === 'function' ? definition.test(threshold) : definition.test,
      };
    });
    const spec: IPrometheusRule['spec'] = {
      groups: [
        {
          name: props.component,
          rules: this.alerts.map((alert) => ({
            alert: alert.alert,
            expr: alert.expr,
            for: alert.for,
            labels: { ...alert.labels },
            annotations: { ...alert.annotations },
          })),
        },
      ],
    };
    new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: `${props.env.platform}-${props.component}`,
        namespace: props.namespace,
        labels: { ...objectLabels(props.component, 'alert-rules'), ...props.env.monitoring.ruleLabels },
      },
      spec,
    });
  }
}

/** A selector matcher for exactly one label value, quoted for PromQL. */
export function matcher(label: string, value: string): string {
  return `${label}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
