import { z } from '@hono/zod-openapi';
import { CAPACITY_UNITS } from './capacity-normalisation.js';

/** Mean, sample standard deviation, min and max of a sample; nulls when empty. */
export const SpreadSchema = z
  .object({ n: z.number().int(), mean: z.number().nullable(), std: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() })
  .openapi('Spread');

/** A cycle-ageing record's headline figures (one device, or one data file on the compare page); capacities in the asked unit. */
export const FadeFiguresSchema = z
  .object({
    cycleCount: z.number().int(),
    initialDischargeCapacity: z.number().nullable(),
    finalDischargeCapacity: z.number().nullable(),
    meanCoulombicEfficiency: z.number().nullable().openapi({ description: 'Mean discharge / charge capacity, as a fraction' }),
    fadePercentPer100Cycles: z
      .number()
      .nullable()
      .openapi({ description: 'Capacity lost per 100 cycles, % of the fitted first-cycle capacity (least-squares line); null with < 2 cycles' }),
  })
  .openapi('FadeFigures');

/** GET /api/v1/batches/{id}/statistics. */
export const BatchStatisticsSchema = z
  .object({
    batchId: z.number().int(),
    capacityUnit: z.enum(CAPACITY_UNITS),
    dataFiles: z.number().int().openapi({ description: "Data files linked to the batch's devices" }),
    devices: z.array(FadeFiguresSchema.extend({ deviceId: z.number().int() })),
    spread: z.object({
      initialDischargeCapacity: SpreadSchema,
      finalDischargeCapacity: SpreadSchema,
      meanCoulombicEfficiency: SpreadSchema,
      fadePercentPer100Cycles: SpreadSchema,
      cycleCount: SpreadSchema,
    }),
    dischargeCapacityByCycle: z.object({
      cycle: z.array(z.number()),
      n: z.array(z.number().int()),
      mean: z.array(z.number().nullable()),
      std: z.array(z.number().nullable()),
      min: z.array(z.number().nullable()),
      max: z.array(z.number().nullable()),
    }),
  })
  .openapi('BatchStatistics');
