import numpy as np
import requests


def mean(values):
    return np.mean(values)


def fetch(url):
    resp = requests.get(url, timeout=10)
    resp.raise_for_status()
    return resp.json()


def main():
    print(mean([1, 2, 3]))


if __name__ == "__main__":
    main()
