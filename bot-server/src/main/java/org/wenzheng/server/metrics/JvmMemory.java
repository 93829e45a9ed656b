package org.wenzheng.server.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;

/**
 * The JVM's memory as {@code /metrics} shows it: heap used, committed and maximum, and non-heap
 * used. Read at each scrape from the {@link MemoryMXBean}. "Used" includes garbage not yet
 * collected, so it saw-tooths under load; what a connection really costs is read after a full
 * collection ({@code jcmd <pid> GC.run}, as {@code wenzheng load} does).
 */
final class JvmMemory {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    void appendTo(StringBuilder sb) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        gauge(sb, "wenzheng_jvm_heap_used_bytes", "Heap in use, uncollected garbage included.", heap.getUsed());
        gauge(sb, "wenzheng_jvm_heap_committed_bytes", "Heap the JVM has taken from the system.",
                heap.getCommitted());
        // -1 when the JVM sets no maximum; the exposition format takes it as it is.
        gauge(sb, "wenzheng_jvm_heap_max_bytes", "Largest heap the JVM may use (-Xmx).", heap.getMax());
        gauge(sb, "wenzheng_jvm_nonheap_used_bytes", "Memory in use outside the heap (classes, JIT code).",
                nonHeap.getUsed());
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
