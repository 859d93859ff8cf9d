/*
 * A Kafka-protocol broker for the tests: librdkafka's mock cluster (Debian's librdkafka-dev).
 * Creates the topics named on the command line (each "name" or "name:partitions"), prints the
 * bootstrap servers on one line, and serves until its standard input closes or it is signalled.
 *
 *   mock-broker [--brokers N] topic[:partitions] ...
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping = 0;

static void on_signal(int signal_number) {
  (void)signal_number;
  stopping = 1;
}

int main(int argc, char **argv) {
  int brokers = 1;
  int first_topic = 1;
  if (argc > 2 && strcmp(argv[1], "--brokers") == 0) {
    brokers = atoi(argv[2]);
    first_topic = 3;
  }
  char error[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (rk == NULL) {
    fprintf(stderr, "mock-broker: %s\n", error);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (cluster == NULL) {
    fprintf(stderr, "mock-broker: could not create the mock cluster\n");
    return 1;
  }
  for (int i = first_topic; i < argc; i++) {
    char name[512];
    int partitions = 1;
    strncpy(name, argv[i], sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    char *colon = strrchr(name, ':');
    if (colon != NULL) {
      *colon = '\0';
      partitions = atoi(colon + 1);
    }
    if (rd_kafka_mock_topic_create(cluster, name, partitions, 1) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      fprintf(stderr, "mock-broker: could not create topic %s\n", name);
      return 1;
    }
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);
  /* Serve until the parent goes away (stdin closes) or asks us to stop. */
  char buffer[64];
  while (!stopping && read(STDIN_FILENO, buffer, sizeof(buffer)) > 0) {
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
