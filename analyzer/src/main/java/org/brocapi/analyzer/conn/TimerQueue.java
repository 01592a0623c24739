package org.brocapi.analyzer.conn;

import java.util.Arrays;

/**
 * Zeek's timer queue: a binary min-heap on time with Zeek's exact sift rules (PriorityQueue.cc),
 * because when timers share a time, the heap's shape decides which fires first — and so the order
 * of conn.log rows. A {@link java.util.PriorityQueue} would order ties differently.
 */
public final class TimerQueue {
    private boolean terminating;
    /** Zeek's {@code max_timer_expires}: at most this many timers run per packet. */
    static final int MAX_EXPIRES_PER_PACKET = 300;

    private Timer[] heap = new Timer[1024];
    private int size;
    private double now;
    private double first = Double.NaN;

    public int size() {
        return size;
    }

    /** Network time: the latest time passed to {@link #advance}. */
    /** True once the input ended and {@link #expireAll} runs (Zeek's {@code run_state::terminating}). */
    public boolean terminating() {
        return terminating;
    }

    public double now() {
        return now;
    }

    /**
     * The time of the first {@link #advance} (NaN before): where Zeek's script-level table
     * timers, set at start-up to fire at once, actually fire and start their cycle.
     */
    public double firstTime() {
        return first;
    }

    public void add(Timer t) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        set(size, t);
        bubbleUp(size);
        size++;
    }

    /** Removes a queued timer without running it (Zeek's {@code Cancel}). */
    public void cancel(Timer t) {
        int at = t.offset;
        if (at < 0 || at >= size || heap[at] != t) return;
        // Zeek lifts the element to the top by giving it the smallest time, then pops the top
        t.time = Double.NEGATIVE_INFINITY;
        bubbleUp(at);
        removeTop();
    }

    /**
     * Moves network time to {@code t} (never backwards) and runs the timers due, at most
     * {@link #MAX_EXPIRES_PER_PACKET} of them, as Zeek does before processing each packet.
     */
    public void advance(double t) {
        if (Double.isNaN(first)) first = t;
        // Zeek's TimerMgr::Time() reads 1 before its first Advance, and network time is the larger
        // of that and the packet's time: a trace that starts below 1 s runs at network time 1
        double cur = now != 0 ? now : 1;
        now = Math.max(t, cur);
        for (int n = 0; n < MAX_EXPIRES_PER_PACKET && size > 0 && heap[0].time <= now; n++) {
            Timer top = removeTop();
            top.fire(now, false); // Zeek dispatches with the network time, not the timer's own
        }
    }

    /** End of input: pops every timer in heap order; only those made to expire run. */
    public void expireAll() {
        terminating = true;
        while (size > 0) {
            Timer top = removeTop();
            if (top.expireAtEnd) top.fire(now, true);
        }
    }

    private Timer removeTop() {
        Timer top = heap[0];
        size--;
        set(0, heap[size]);
        heap[size] = null;
        if (size > 0) bubbleDown(0);
        top.offset = -1;
        return top;
    }

    private void set(int i, Timer t) {
        heap[i] = t;
        if (t != null) t.offset = i;
    }

    private void bubbleUp(int bin) {
        while (bin > 0) {
            int p = (bin - 1) / 2;
            if (!(heap[p].time > heap[bin].time)) return;
            swap(p, bin);
            bin = p;
        }
    }

    private void bubbleDown(int bin) {
        while (true) {
            double v = heap[bin].time;
            int l = 2 * bin + 1, r = 2 * bin + 2;
            if (l >= size) return;
            if (r >= size) {
                if (heap[l].time < v) swap(l, bin);
                return;
            }
            double lv = heap[l].time, rv = heap[r].time;
            if (lv < rv) {
                if (!(lv < v)) return;
                swap(l, bin);
                bin = l;
            } else {
                if (!(rv < v)) return;
                swap(r, bin);
                bin = r;
            }
        }
    }

    private void swap(int a, int b) {
        Timer t = heap[a];
        set(a, heap[b]);
        set(b, t);
    }
}
