# Process subclasses overriding run() (with and without calling super().__init__ properly), args and kwargs,
# results back through a Queue, and attributes set in the child not seen by the parent
import multiprocessing
import time

class Counter(multiprocessing.Process):
    def __init__(self, start, stop, results, step=1):
        super().__init__()
        self.start_at = start
        self.stop_at = stop
        self.step = step
        self.results = results
        self.total = 0

    def run(self):
        for i in range(self.start_at, self.stop_at, self.step):
            self.total += i
        self.results.put((self.name, self.total))

class Greeter(multiprocessing.Process):
    def __init__(self, greeting, *, name=None):
        super().__init__(name=name)
        self.greeting = greeting

    def run(self):
        print(self.greeting, 'from', self.name, flush=True)

def kw_target(a, b=2, *rest, c, **extra):
    print('a', a, 'b', b, 'rest', rest, 'c', c, 'extra', sorted(extra.items()), flush=True)

class Timed(multiprocessing.Process):
    def run(self):
        t0 = time.monotonic()
        super().run()
        print('run took less than 5 s:', time.monotonic() - t0 < 5, flush=True)

if __name__ == '__main__':
    results = multiprocessing.Queue()
    counters = [Counter(0, 100, results), Counter(0, 100, results, step=2), Counter(50, 60, results)]
    for c in counters:
        c.start()
    print(sorted(results.get() for _ in counters))
    for c in counters:
        c.join()
    print('total in the parent stays', [c.total for c in counters])
    g = Greeter('hello', name='greeter-1')
    g.start(); g.join()
    g = Greeter('hi')
    g.start(); g.join()
    p = multiprocessing.Process(target=kw_target, args=(1, 3, 4, 5), kwargs={'c': 6, 'z': 26, 'y': 25})
    p.start(); p.join()
    p = multiprocessing.Process(target=kw_target, args=('only a',), kwargs=dict(c='c'))
    p.start(); p.join()
    t = Timed(target=print, args=('Timed target prints', 42), kwargs={'flush': True})
    t.start(); t.join()
    print(t.name, t.exitcode)
    bad = multiprocessing.Process(target=kw_target, args=(1,))  # missing keyword-only c
    bad.start(); bad.join()
    print('bad exitcode', bad.exitcode)
