package org.mpathbus.exporter.prometheus.internal;

import java.util.function.Function;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

/** The four kinds of metric family the exporter builds, each collecting its data points for one scrape. */
final class MetricFamilies {

    private MetricFamilies() {
    }

    static final class Gauge {
        private final GaugeSnapshot.Builder family;

        Gauge(String name, String help, Unit unit) {
            family = GaugeSnapshot.builder().name(name).help(help);
            if (unit != null) {
                family.unit(unit);
            }
        }

        void add(Labels labels, double value) {
            family.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshot build() {
            return family.build();
        }
    }

    /** Named without "_total": the client adds it. */
    static final class Counter {
        private final CounterSnapshot.Builder family;

        Counter(String name, String help) {
            family = CounterSnapshot.builder().name(name).help(help);
        }

        void add(Labels labels, double value) {
            family.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshot build() {
            return family.build();
        }
    }

    /** Named without "_info": the client adds it. */
    static final class Info {
        private final InfoSnapshot.Builder family;

        Info(String name, String help) {
            family = InfoSnapshot.builder().name(name).help(help);
        }

        void add(Labels labels) {
            family.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
        }

        MetricSnapshot build() {
            return family.build();
        }
    }

    /** Every state of the enum, the current one true: the OpenMetrics state set. */
    static final class StateSet<E extends Enum<E>> {
        private final StateSetSnapshot.Builder family;
        private final E[] states;
        private final Function<E, String> label;

        StateSet(String name, String help, Class<E> type, Function<E, String> label) {
            family = StateSetSnapshot.builder().name(name).help(help);
            this.states = type.getEnumConstants();
            this.label = label;
        }

        void add(Labels labels, E current) {
            StateSetDataPointSnapshot.Builder point = StateSetDataPointSnapshot.builder().labels(labels);
            for (E state : states) {
                point.state(label.apply(state), state == current);
            }
            family.dataPoint(point.build());
        }

        MetricSnapshot build() {
            return family.build();
        }
    }
}
