/** st2's queues (st2common/transport): what a RabbitMQ policy's pattern is tried against. */
export const ST2_QUEUES = ['st2.actionrunner.req', 'st2.actionrunner.work', 'st2.notifiers.execution.work', 'st2.trigger_instances_dispatch.rules_engine', 'st2.scheduler.work', 'st2.workflow.work', 'st2.sensor.watch.sensor_container-1', 'st2.preinit'];
