/**
 * registry.k8s.io/kubectl:v1.32.13: the Kubernetes project's kubectl image, which the registry's
 * garbage-collection CronJob runs to delete the registry's pod (./garbage-collection.ts). Only what that
 * Job uses is declared: `kubectl delete <type> <name>` and the flags it passes.
 *
 * The image (kubernetes/kubernetes@109cf68:build/server-image/kubectl/Dockerfile, the stored version of
 * the file; the tag's own copy could not be read) is debian-base with /bin/kubectl (L21), bash, grep,
 * sed, gawk, coreutils, jq and diffutils, no USER (root unless told otherwise; any uid works) and
 * ENTRYPOINT ["/bin/kubectl"] (L34). The flags are read at kubernetes/kubectl@kubernetes-1.32.13 and
 * kubernetes/cli-runtime@v0.32.13 (its go.mod's version). In a pod kubectl uses the in-cluster config
 * (the ServiceAccount token). It writes only its discovery and HTTP cache, under --cache-dir (default
 * $KUBECACHEDIR, else $HOME/.kube/cache).
 */
import { defineContract, type Flag, integer, pattern, text, writePath } from '../../../src/contracts/model.js';

const TAG = 'v1.32.13';
const dockerfile = (line: number) => `kubernetes/kubernetes@109cf68:build/server-image/kubectl/Dockerfile#L${line}`;
const deleteFlags = (line: number) => `kubernetes/kubectl@kubernetes-1.32.13:pkg/cmd/delete/delete_flags.go#L${line}`;
const configFlags = (line: number) => `kubernetes/cli-runtime@v0.32.13:pkg/genericclioptions/config_flags.go#L${line}`;

/** pflag's bool: strconv.ParseBool, any other text stops the command. */
const bool = pattern('(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)', 'true or false');

const FLAGS: Readonly<Record<string, Flag>> = {
  '--namespace': { form: text(), description: "Namespace of the request (default: the ServiceAccount's, in a pod).", source: configFlags(389) },
  '-n': { form: text(), description: 'Short form of --namespace.', source: configFlags(389) },
  '--cache-dir': {
    form: writePath(),
    description: 'Directory of the discovery and HTTP caches (default $KUBECACHEDIR, else $HOME/.kube/cache); written on every run.',
    source: configFlags(354),
  },
  '--ignore-not-found': { form: bool, description: 'delete: an object that does not exist is a success.', source: deleteFlags(152) },
  '--wait': {
    form: bool,
    description: 'delete: wait until the object is gone (default true), which also needs get and watch on it; false returns once the deletion is accepted.',
    source: deleteFlags(155),
  },
  '--grace-period': { form: integer({ min: -1 }), description: 'delete: seconds the object gets to stop (-1: its own).', source: deleteFlags(146) },
  '--timeout': { form: pattern('([0-9]+(ns|us|µs|ms|s|m|h))+', 'a Go duration'), description: 'delete: how long to wait.', source: deleteFlags(149) },
};

export const RYAX_KUBECTL_CONTRACT = defineContract({
  repository: 'kubectl',
  tags: [TAG],
  source: 'kubernetes/kubectl@kubernetes-1.32.13',
  summary:
    "kubectl (client v1.32.13), run as the image's entry point with the in-cluster ServiceAccount. `delete <type> <name>` sends one DELETE (the object is not read first: pkg/cmd/delete/delete.go#L224 RequireObject(false); with --wait=false it does not wait, #L441), after API discovery, which every authenticated account may do. Writes its cache under --cache-dir.",
  entrypoint: { command: ['/bin/kubectl'], alternatives: [['kubectl']], source: dockerfile(34) },
  variables: {
    KUBECACHEDIR: { form: writePath(), description: 'Default of --cache-dir.', source: configFlags(304) },
  },
  modes: {
    selector: { argument: 0 },
    otherwise: 'cobra refuses an unknown subcommand and kubectl exits 1; only the subcommand this platform runs is declared',
    source: 'kubernetes/kubectl@kubernetes-1.32.13:pkg/cmd/cmd.go#L310',
    variants: {
      delete: {
        description: '`delete pod <name>`: one DELETE of the pod, which the account must be allowed (the Job deletes nothing else)',
        api: [{ group: '', resources: ['pods'], verbs: ['delete'], source: 'kubernetes/kubectl@kubernetes-1.32.13:pkg/cmd/delete/delete.go#L320' }],
        source: 'kubernetes/kubectl@kubernetes-1.32.13:pkg/cmd/delete/delete.go#L146',
      },
    },
  },
  arguments: { unknownFlags: 'error', flags: FLAGS },
});
