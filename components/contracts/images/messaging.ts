/**
 * quay.io/thoth-station/messaging: the thoth-messaging command line producer, run by the send-message
 * and send-messages workflow steps.
 *
 * Read at thoth-station/messaging@v0.16.2. The image is an s2i build on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.33.0; the s2i `run` script executes app.sh, which runs
 * `python cli.py` without arguments, so every option comes from its click `envvar`. Pinned libraries
 * (Pipfile.lock): thoth-common 0.36.2 (the same environment reads as the 0.36.6 the fragment was read
 * at), click 8.1.3, confluent-kafka 1.8.2, pydantic 1.9.1.
 *
 * The CLI creates a Kafka admin client and a producer from KAFKA_* (THOTH_MESSAGING_KAFKA), then sends
 * either every message of the file THOTH_MESSAGING_FROM_FILE (a JSON list of {topic_name,
 * message_contents}) or the one message THOTH_MESSAGING_TOPIC_NAME / THOTH_MESSAGING_MESSAGE_CONTENTS.
 * A topic name is a base name without the deployment prefix; registered message types are validated
 * against their model and produced to <THOTH_DEPLOYMENT_NAME>.<base name>; other names must already
 * exist on Kafka unless THOTH_MESSAGING_CREATE_IF_NOT_EXIST is on. It writes no files.
 */
import { clickFlag, defineContract, integer, json, readPath, text } from '../../../src/contracts/model.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_MESSAGING_KAFKA } from '../libraries/thoth-messaging.js';

const TAG = 'v0.16.2';
const at = (path: string, line: number): string => `thoth-station/messaging@${TAG}:${path}#L${line}`;

export const MESSAGING_CONTRACT = defineContract({
  repository: 'thoth-station/messaging',
  tags: [TAG],
  source: `thoth-station/messaging@${TAG}`,
  summary:
    'thoth-messaging CLI: sends one message (topic and JSON contents from the environment) or every message of a JSON file to Kafka, prefixing topic names with the deployment name.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.sh', 3),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_MESSAGING_KAFKA,
    THOTH_DEPLOYMENT_NAME: {
      form: text(),
      required: true,
      description:
        'Prefix of every topic the CLI produces to (<deployment>.<base name>). Optional in the code, but unset sends to the bare base name, a topic this deployment does not have (every KafkaTopic is prefixed), hence required. Also the Sentry environment of init_logging.',
      source: 'thoth-station/messaging@v0.16.2:thoth/messaging/message_base.py#L55',
    },
    THOTH_MESSAGING_FROM_FILE: {
      form: readPath(),
      description:
        'JSON file with a list of {"topic_name": <base name>, "message_contents": {...}} to send (click --message-file); when set, THOTH_MESSAGING_TOPIC_NAME and THOTH_MESSAGING_MESSAGE_CONTENTS are ignored. A missing file stops the CLI (FileNotFoundError).',
      source: at('cli.py', 82),
    },
    THOTH_MESSAGING_TOPIC_NAME: {
      form: text(),
      description:
        'Base name of the single message to send, without the deployment prefix (e.g. thoth.investigator.unresolved-package; click --topic-name). Required, with THOTH_MESSAGING_MESSAGE_CONTENTS, when THOTH_MESSAGING_FROM_FILE is unset (AttributeError otherwise). A name that is not a registered message type must already be a topic on Kafka unless THOTH_MESSAGING_CREATE_IF_NOT_EXIST is on.',
      source: at('cli.py', 60),
    },
    THOTH_MESSAGING_MESSAGE_CONTENTS: {
      form: json('object'),
      description:
        'The single message as a JSON object (click --message-contents); component_name and service_version are filled in when missing, and registered types are validated against their model (pydantic ValidationError).',
      source: at('cli.py', 75),
    },
    THOTH_MESSAGING_CREATE_IF_NOT_EXIST: {
      form: clickFlag(),
      default: 'false',
      description:
        'click boolean flag (--create-if-not-exist): on creates a topic for an unregistered base name that Kafka does not have (with THOTH_MESSAGING_PARTITIONS / _REPLICATION and the KAFKA_TOPIC_* settings); off makes such a message fail. Registered types are produced without this check.',
      source: at('cli.py', 67),
    },
    THOTH_MESSAGING_PARTITIONS: {
      form: integer({ min: 1 }),
      default: '1',
      description: 'Partitions of a topic the CLI creates (click int; only with THOTH_MESSAGING_CREATE_IF_NOT_EXIST).',
      source: at('cli.py', 46),
    },
    THOTH_MESSAGING_REPLICATION: {
      form: integer({ min: 1 }),
      default: '1',
      description: 'Replication factor of a topic the CLI creates (click int; only with THOTH_MESSAGING_CREATE_IF_NOT_EXIST).',
      source: at('cli.py', 53),
    },
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
});
