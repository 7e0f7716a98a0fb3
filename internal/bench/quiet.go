package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The bench times a page on a machine it may share: other builds, tests or
// browsers running meanwhile slow whichever site happens to load then, and
// on 2 cores one such burst moves a median of 9 runs. Before each load the
// bench waits, up to quietWait, for the CPUs to be mostly idle (it runs
// nothing itself between loads), and counts the loads it had to start on a
// busy machine anyway. All sites wait alike.
const (
	quietBusy = 0.20             // CPU busy fraction above which the machine is busy
	quietWait = 45 * time.Second // the longest wait before a load
)

// quiet is what waitQuiet saw over a bench.
type quiet struct {
	loads, busy int           // loads started, and started on a busy machine
	waited      time.Duration // total time spent waiting
}

// waitQuiet returns once the CPUs were at most quietBusy busy over one
// second, or after quietWait; it reports whether the machine was quiet.
// Where /proc/stat cannot be read (not Linux) it returns at once.
func (q *quiet) waitQuiet() bool {
	q.loads++
	start := time.Now()
	announced := false
	for {
		busy, err := cpuBusy(time.Second)
		if err != nil {
			return true
		}
		if busy <= quietBusy {
			q.waited += time.Since(start)
			return true
		}
		if time.Since(start) >= quietWait {
			q.waited += time.Since(start)
			q.busy++
			step(fmt.Sprintf("  the CPUs are still %.0f%% busy with other work after %s: measuring anyway", busy*100, quietWait))
			return false
		}
		if !announced {
			step(fmt.Sprintf("  the CPUs are %.0f%% busy with other work: waiting up to %s before the next load", busy*100, quietWait))
			announced = true
		}
	}
}

// cpuBusy is the fraction of all CPUs' time, over d, not spent idle.
func cpuBusy(d time.Duration) (float64, error) {
	idle0, total0, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	idle1, total1, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	if total1 <= total0 {
		return 0, fmt.Errorf("/proc/stat did not advance")
	}
	return 1 - float64(idle1-idle0)/float64(total1-total0), nil
}

// cpuTimes reads the idle (idle + iowait) and total jiffies of all CPUs.
func cpuTimes() (idle, total uint64, err error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, fmt.Errorf("/proc/stat: unexpected %q", line)
	}
	for i, v := range f[1:] {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 0, 0, err
		}
		if i >= 8 { // guest and guest_nice are already counted in user and nice
			break
		}
		total += n
		if i == 3 || i == 4 {
			idle += n
		}
	}
	return idle, total, nil
}
