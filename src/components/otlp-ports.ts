/**
 * OpenTelemetry protocol ports (the OTLP defaults). The collector receives on them and Tempo
 * receives from the collector on them, so applications need no port configuration.
 */
export const OTLP_GRPC_PORT = 4317;
export const OTLP_HTTP_PORT = 4318;
