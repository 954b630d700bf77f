# A child's uncaught exception ('Process Process-1:' and its traceback on stderr, exit code 1) and then
# the parent's own uncaught exception naming a class defined in the program
import multiprocessing

class ConfigError(Exception):
    pass

def load(path):
    with open(path) as f:
        return f.read()

def child():
    print('child reads the config', flush=True)
    load('/nonexistent/config.ini')

if __name__ == '__main__':
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
    print('child exit code:', p.exitcode)
    if p.exitcode != 0:
        raise ConfigError('child failed with exit code %d' % p.exitcode)
