/** Opens kafkajs producers with the job programs' settings; kafkajs logs only warnings and errors. */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { KafkaSettings } from './config.js';

export async function connectProducer(settings: KafkaSettings): Promise<Producer> {
  return openProducer(new Kafka({ ...settings.client, logLevel: logLevel.WARN }));
}

/** Every producer of the job programs, the consumers' dead-letter producer included. */
export async function openProducer(kafka: Kafka): Promise<Producer> {
  // Topics come from the catalogue (KafkaTopic objects); a typo must fail, not create a topic.
  // Keyless records: the default partitioner deals them round-robin over the partitions; naming it
  // also keeps kafkajs from warning about its v2 change on every start.
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return producer;
}
